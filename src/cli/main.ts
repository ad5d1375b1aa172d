import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// Leave exit to the event loop when serving (stdin close ends it); set the code for everyone else.
process.exitCode = code;
