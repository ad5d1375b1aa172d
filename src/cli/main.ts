import { runCli } from './program.js';
import { runAsProcess } from './run.js';

runAsProcess(runCli);
