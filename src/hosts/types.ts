import type { HostContext } from './platform.js';

export type Scope = 'user' | 'project' | 'local';
export const SCOPES: readonly Scope[] = ['user', 'project', 'local'];

export type FormatId = 'json' | 'jsonc' | 'yaml' | 'toml';

/** Where our entry lives inside a parsed file: a map keyed by name, or a list of `{name, …}` items. */
export interface EntryTarget {
  container: readonly string[];
  kind: 'map' | 'list';
  name: string;
}

/** One config file of one host in one scope. */
export interface ConfigLocation {
  file: string;
  container: string[];
  kind: 'map' | 'list';
  /** Project files are committed and shared: never a secret, never this machine's proxy or CA paths. */
  shared: boolean;
  /** Content for a file that does not exist yet, when the host needs a header (Continue). */
  seed?: string;
  /** The file exists only to hold our entry (a Continue block): uninstall deletes it. */
  ownedFile?: boolean;
}

/**
 * How a host spells a stdio server: its names for command/args/env (Goose: cmd/envs) and any
 * fixed fields it needs before or after them. The fields written here are socbridge's; fields a
 * user or the host adds to the entry (disabled, autoApprove, …) are kept on every update.
 */
export interface EntryShape {
  fields: { command: string; args: string; env: string };
  lead?: (name: string) => Record<string, unknown>;
  tail?: Record<string, unknown>;
  /** Write the env field even when it is empty (hosts whose parser requires it). */
  alwaysEnv?: boolean;
}

/** The spelling almost every host uses: `{command, args, env}`. */
export const MCP_FIELDS: EntryShape['fields'] = { command: 'command', args: 'args', env: 'env' };

export interface FileHost {
  kind: 'file';
  id: string;
  label: string;
  /**
   * How the host is usually started, which decides the PATH its servers get: a desktop app is
   * started by launchd or the desktop session, without what a shell's rc files add (nvm, Homebrew,
   * Volta); a terminal tool inherits the shell's PATH.
   */
  startedFrom: 'desktop' | 'terminal';
  format: FormatId;
  scopes: Partial<Record<Scope, (ctx: HostContext, name: string) => ConfigLocation>>;
  /** Directories whose existence means the host is installed (`install --all`). */
  detect(ctx: HostContext): string[];
  entry: EntryShape;
  /** What the user does next so the host loads the server. */
  reload: string;
}

/** Hosts without a config file socbridge can edit: install prints a snippet and writes nothing. */
export interface SnippetHost {
  kind: 'snippet';
  id: string;
  label: string;
  /** Where the snippet goes, in the host's own words. */
  where: string;
  /** The key the snippet's servers sit under. */
  container: string;
  entry: EntryShape;
}

export type Host = FileHost | SnippetHost;
