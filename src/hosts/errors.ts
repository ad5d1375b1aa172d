/**
 * Everything that stops an edit of a host's config file. Each message names the file and ends by
 * saying the file was left as it was, because that is what a user fears most when a tool fails
 * half-way through their editor's settings.
 */
export class ConfigFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** The file does not parse. */
export class ConfigSyntaxError extends ConfigFileError {
  constructor(
    file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}. Fix the file (or remove it) and run again; it was left unchanged`, file);
    this.name = 'ConfigSyntaxError';
  }
}

/** The file parses, but a value socbridge must edit has the wrong type (`mcpServers: []`). */
export class ConfigShapeError extends ConfigFileError {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}; it was left unchanged`, file);
    this.name = 'ConfigShapeError';
  }
}

/** The file or its directory cannot be created, read or replaced. */
export class ConfigAccessError extends ConfigFileError {
  constructor(file: string, problem: string) {
    super(`${problem}; ${file} was left unchanged`, file);
    this.name = 'ConfigAccessError';
  }
}

/** An entry with our name exists but does not run socbridge: replacing it needs --yes. */
export class EntryConflictError extends ConfigFileError {
  constructor(file: string, name: string, action: 'replace' | 'remove') {
    super(
      `${file} already has a server named "${name}" that does not run socbridge; ` +
        `pass --name <other-name> to keep it, or --yes to ${action} it. The file was left unchanged`,
      file,
    );
    this.name = 'EntryConflictError';
  }
}

/** Turns a Node file-system error into a message a user can act on. */
export function accessProblem(action: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a parent path is a file, not a directory',
    EEXIST: 'a file is in the way',
    EISDIR: 'it is a directory',
    ENOSPC: 'no space left on device',
    ELOOP: 'too many symbolic links',
  };
  return `cannot ${action} ${path}: ${(code && why[code]) ?? (error as Error).message}`;
}
