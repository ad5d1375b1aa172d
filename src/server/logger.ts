/**
 * Logs go to stderr only: in `serve`, stdout belongs to JSON-RPC and one stray byte breaks the host.
 * `debug` lines appear only with --verbose.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(options: { verbose: boolean; stream?: NodeJS.WritableStream }): Logger {
  const stream = options.stream ?? process.stderr;
  const write = (level: string, message: string) => {
    stream.write(`[socbridge] ${level} ${message}\n`);
  };
  return {
    debug: (m) => {
      if (options.verbose) write('debug', m);
    },
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
