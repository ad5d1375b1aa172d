import type { ResolvedSettings, SettingFlags } from '../config/settings.js';
import type { Connector } from '../connectors/types.js';
import type { HostContext } from '../hosts/platform.js';
import type { BackendClient } from '../http/client.js';
import type { ProxyRoute } from '../http/proxy.js';

/** The only three verdicts: a skipped check is `ok` or `fail`, whichever its cause was. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** What one check found: one line of evidence and, when not ok, one line saying how to fix it. */
export interface CheckOutcome {
  status: CheckStatus;
  summary: string;
  fix?: string;
}

/** One row of the report (and of `--json`'s `checks`), in this key order. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  summary: string;
  fix?: string;
  ms: number;
}

export interface DoctorReport {
  ok: boolean;
  checks: CheckResult[];
}

/** What the user asked for. */
export interface DoctorInput {
  /** serve's setting flags, exactly as commander parsed them. */
  flags: SettingFlags;
  env: NodeJS.ProcessEnv;
  /** Only this host's config files (`--host`); otherwise every host that has one. */
  host?: string;
  /** The server name `install` used (`--name`). */
  name: string;
  hostContext: HostContext;
}

/** Where the backend is, as the URL check parsed it. */
export interface Target {
  url: URL;
  /** Without IPv6 brackets, as DNS and TLS want it. */
  hostname: string;
  port: number;
  https: boolean;
  /** Where the REST routes live: the URL's path plus the connector's prefix (`/api/v1`). */
  apiBase: string;
}

/**
 * What earlier checks learnt, for later ones. A later check reads only what it needs; a missing
 * fact means the check that makes it did not succeed, and the later check says so ("skipped: …").
 */
export interface Facts {
  resolved?: ResolvedSettings;
  connector?: Connector;
  /** Every secret that must never be printed (the key, proxy passwords). */
  secrets: string[];
  target?: Target;
  /** Set when requests to the target go through an HTTP(S) proxy. */
  proxy?: ProxyRoute;
  /** The address TCP connects to: the target's, or the proxy's when one is in use. */
  dial?: { hostname: string; port: number; addresses: string[] };
  connected?: { address: string; port: number };
  client?: BackendClient;
  /** Why no HTTP client could be built (an unreadable CA file). */
  clientError?: string;
  /** The server's `Date` header and our clock when it arrived. */
  serverClock?: { serverMs: number; localMs: number; from: string };
  /** Health ended in a transport failure (timeout, refused, TLS): auth cannot do better. */
  unreachable?: string;
  access?: AccessReport;
}

/** What the key may do, scope by scope. */
export interface AccessReport {
  granted: string[];
  missing: string[];
  /** Probed but the answer proved nothing (404 on an older backend, 5xx, timeout), with why. */
  unverified: Array<{ scope: string; why: string }>;
}

/** The state every check sees: the input, the budget per network step, and what came before. */
export interface DoctorContext {
  input: DoctorInput;
  /** Bound on each network step (DNS, connect, handshake, one request), in ms. */
  stepMs: number;
  facts: Facts;
  /** The status an earlier check ended with. */
  statusOf(id: string): CheckStatus | undefined;
}
