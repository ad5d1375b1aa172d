import { runCli } from './program.js';

// A reader that goes away (`socbridge tools | head`, a host that closed our pipe) is not an
// error worth a stack trace: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2));
// Leave exit to the event loop when serving (stdin close ends it); set the code for everyone else.
process.exitCode = code;
