import { UsageError } from '../cli/usage-error.js';
import { parseHeaderLines, type HeaderSet } from '../remote/headers.js';
import { BACKEND_IDS } from './flags.js';
import { PROFILE_NAME_PATTERN, profilesFile, readProfile, type Profile } from './profiles.js';

/**
 * Every `serve` setting in one table: its flag, environment variables (socbridge's own first, then
 * the reference @aisoc/mcp names as aliases), profile field, default and accepted form. Resolution:
 * flag > env > profile > default, each value validated by the same parser.
 */
export interface Settings {
  backend: string;
  url: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
  verbose: boolean;
  readOnly: boolean;
  tools: string[] | undefined;
  excludeTools: string[] | undefined;
  maxResultChars: number;
  caFile: string | undefined;
  /** How `--backend mcp` reaches the remote: streamable HTTP first with an SSE fallback, or one of them. */
  transport: RemoteTransportKind;
  /** Extra request headers for `--backend mcp`; renders with values masked. */
  headers: HeaderSet | undefined;
  /** Namespace for remote tool and prompt names (`--backend mcp`). */
  prefix: string | undefined;
}

export const REMOTE_TRANSPORTS = ['auto', 'http', 'sse'] as const;
export type RemoteTransportKind = (typeof REMOTE_TRANSPORTS)[number];

/** What commander or the environment hands over: repeatable flags arrive as arrays. */
type RawValue = string | boolean | number | string[];

export type SettingSource = 'flag' | 'default' | 'sandbox' | `env:${string}` | `profile:${string}`;

export interface ResolvedSettings {
  values: Settings;
  sources: Record<keyof Settings, SettingSource>;
  /** The profile consulted, if any. */
  profile?: string;
}

interface SettingDef<K extends keyof Settings> {
  key: K;
  flag: string;
  /** The property commander gives the flag, when it differs from the key (`--timeout` → `timeout`). */
  prop?: string;
  env: string[];
  /** Env names honoured only for one backend (the reference package's AISOC_* variables). */
  backendEnv?: { backend: string; names: string[] };
  profileField?: keyof Profile;
  fallback: Settings[K];
  form: string;
  /** Never echo the rejected value (it may be a credential). */
  secret?: true;
  parse(raw: RawValue, backend: string | undefined): Settings[K] | undefined;
}

const int = (min: number, max: number) => (raw: RawValue) => {
  const text = String(raw).trim();
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
};
const bool = (raw: RawValue) => {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  return undefined;
};
const list = (raw: RawValue) => {
  const items = String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};
const text = (raw: RawValue) => {
  const value = String(raw).trim();
  return value ? value : undefined;
};
// A remote MCP endpoint is used exactly as given: Stellar Cyber's is `/mcp/`, and a server may
// redirect (or refuse) the slash-less form. REST base URLs lose trailing slashes.
const httpUrl = (raw: RawValue, backend: string | undefined) => {
  try {
    const url = new URL(String(raw).trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return backend === 'mcp' ? url.toString() : url.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
};


const DEFS: { [K in keyof Settings]: SettingDef<K> } = {
  backend: {
    key: 'backend', flag: '--backend', env: ['SOCBRIDGE_BACKEND'], profileField: 'backend', fallback: 'aisoc',
    form: `one of ${BACKEND_IDS.join(', ')}`,
    parse: (raw) => (BACKEND_IDS as readonly string[]).includes(String(raw).trim()) ? String(raw).trim() : undefined,
  },
  url: {
    key: 'url', flag: '--url', env: ['SOCBRIDGE_URL'], backendEnv: { backend: 'aisoc', names: ['AISOC_URL'] },
    profileField: 'url', fallback: undefined, form: 'an http:// or https:// URL, e.g. https://aisoc.example.com', parse: httpUrl,
  },
  apiKey: {
    key: 'apiKey', flag: '--api-key', env: ['SOCBRIDGE_API_KEY'], backendEnv: { backend: 'aisoc', names: ['AISOC_API_KEY'] },
    profileField: 'apiKey', fallback: undefined, form: 'a non-empty API key', secret: true, parse: text,
  },
  timeoutMs: {
    key: 'timeoutMs', flag: '--timeout', prop: 'timeout', env: ['SOCBRIDGE_TIMEOUT_MS'], backendEnv: { backend: 'aisoc', names: ['AISOC_TIMEOUT_MS'] },
    profileField: 'timeoutMs', fallback: 20_000, form: 'milliseconds, a whole number from 1000 to 600000', parse: int(1000, 600_000),
  },
  verbose: {
    key: 'verbose', flag: '--verbose', env: ['SOCBRIDGE_VERBOSE', 'AISOC_MCP_VERBOSE'], fallback: false, form: 'true/false or 1/0', parse: bool,
  },
  readOnly: {
    key: 'readOnly', flag: '--read-only', env: ['SOCBRIDGE_READ_ONLY'], fallback: false, form: 'true/false or 1/0', parse: bool,
  },
  tools: {
    key: 'tools', flag: '--tools', env: ['SOCBRIDGE_TOOLS'], fallback: undefined, form: 'a comma-separated list of tool names', parse: list,
  },
  excludeTools: {
    key: 'excludeTools', flag: '--exclude-tools', env: ['SOCBRIDGE_EXCLUDE_TOOLS'], fallback: undefined, form: 'a comma-separated list of tool names', parse: list,
  },
  maxResultChars: {
    key: 'maxResultChars', flag: '--max-result-chars', env: ['SOCBRIDGE_MAX_RESULT_CHARS'], fallback: 20_000,
    form: 'a whole number of characters from 1000 to 1000000', parse: int(1000, 1_000_000),
  },
  caFile: {
    key: 'caFile', flag: '--ca-file', env: ['SOCBRIDGE_CA_FILE'], profileField: 'caFile', fallback: undefined, form: 'a path to a PEM file', parse: text,
  },
  transport: {
    key: 'transport', flag: '--transport', env: ['SOCBRIDGE_TRANSPORT'], fallback: 'auto', form: `one of ${REMOTE_TRANSPORTS.join(', ')}`,
    parse: (raw) => REMOTE_TRANSPORTS.find((t) => t === String(raw).trim().toLowerCase()),
  },
  headers: {
    key: 'headers', flag: '--header', prop: 'header', env: ['SOCBRIDGE_HEADERS'], fallback: undefined,
    form: "'Name: value' lines (a header name, a colon, a non-empty value; not a transport header such as Accept or Mcp-Session-Id)",
    secret: true,
    parse: (raw) => (typeof raw === 'string' || Array.isArray(raw) ? parseHeaderLines(raw) : undefined),
  },
  prefix: {
    key: 'prefix', flag: '--prefix', env: ['SOCBRIDGE_PREFIX'], fallback: undefined,
    form: 'letters, digits, "_", "-" or "." (at most 32), e.g. saltare',
    parse: (raw) => (/^[A-Za-z0-9_.-]{1,32}$/.test(String(raw).trim()) ? String(raw).trim() : undefined),
  },
};

export type SettingFlags = Partial<Record<keyof Settings | 'timeout' | 'header', string | boolean | string[]>> & { profile?: string };

/** Resolves settings from flags, the environment and the profile store; a bad value is a UsageError. */
export async function resolveSettings(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedSettings> {
  const { name: profileName, profile } = await loadProfile(flags.profile, env);
  const values = {} as Record<keyof Settings, unknown>;
  const sources = {} as Record<keyof Settings, SettingSource>;

  // The backend decides which alias variables apply, so it is resolved first.
  const order = ['backend', ...Object.keys(DEFS).filter((k) => k !== 'backend')] as Array<keyof Settings>;
  for (const key of order) {
    const def = DEFS[key] as SettingDef<typeof key>;
    const found = pick(def, flags, env, profileName, profile, values.backend as string | undefined);
    values[key] = found ? parseOrThrow(def, found.raw, found.label, values.backend as string | undefined) : def.fallback;
    sources[key] = found ? found.source : 'default';
  }
  return { values: values as unknown as Settings, sources, profile: profileName };
}

function pick(
  def: SettingDef<keyof Settings>,
  flags: SettingFlags,
  env: NodeJS.ProcessEnv,
  profileName: string | undefined,
  profile: Profile | undefined,
  backend: string | undefined,
): { raw: RawValue; source: SettingSource; label: string } | undefined {
  const flag = flags[(def.prop ?? def.key) as keyof SettingFlags];
  if (flag !== undefined) return { raw: flag, source: 'flag', label: def.flag };
  const envNames = [...def.env, ...(def.backendEnv && def.backendEnv.backend === backend ? def.backendEnv.names : [])];
  for (const name of envNames) {
    const value = env[name];
    if (value !== undefined && value !== '') return { raw: value, source: `env:${name}`, label: name };
  }
  const fromProfile = def.profileField && profile ? profile[def.profileField] : undefined;
  if (fromProfile !== undefined && profileName) {
    return { raw: fromProfile, source: `profile:${profileName}`, label: `${def.profileField} in profile "${profileName}"` };
  }
  return undefined;
}

function parseOrThrow<K extends keyof Settings>(def: SettingDef<K>, raw: RawValue, label: string, backend: string | undefined): Settings[K] {
  const parsed = def.parse(raw, backend);
  if (parsed === undefined) {
    const shown = def.secret ? '' : ` (got "${String(raw)}")`;
    throw new UsageError(`${label} must be ${def.form}${shown}`);
  }
  return parsed;
}

/** `--profile`/`SOCBRIDGE_PROFILE` must exist; otherwise the `default` profile is used when present. */
async function loadProfile(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<{ name?: string; profile?: Profile }> {
  const explicit = flag ?? env.SOCBRIDGE_PROFILE;
  if (explicit !== undefined) {
    if (!PROFILE_NAME_PATTERN.test(explicit)) throw new UsageError(`--profile must be a profile name like "aisoc-prod" (got "${explicit}")`);
    const profile = await readProfile(explicit, env);
    if (!profile) {
      throw new UsageError(`--profile "${explicit}" is not in ${profilesFile(env)}; create it with: socbridge install --host <id> --api-key …`);
    }
    return { name: explicit, profile };
  }
  const fallback = await readProfile('default', env);
  return fallback ? { name: 'default', profile: fallback } : {};
}
