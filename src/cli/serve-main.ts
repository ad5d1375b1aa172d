import { runAsProcess, runCommands } from './run.js';
import { registerServeCommand } from './serve.js';

// `socbridge serve` alone, bundled as one CommonJS file (dist/serve.cjs) so the launcher can
// compile it from V8's code cache (src/launch/). Every other command runs from dist/cli.js.
runAsProcess((argv) => runCommands(argv, [registerServeCommand]));
