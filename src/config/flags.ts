// The settings flags as commander declares them. Kept apart from settings resolution so
// declaring the CLI (and --help, --version) loads nothing heavier than this table.
/** Backends `--backend` accepts. */
export const BACKEND_IDS = ['aisoc', 'calseta', 'mcp'] as const;

/**
 * The flags `serve` (and `call`, `tools`, `doctor`) accept, for commander. A `repeatable` flag
 * collects every occurrence into an array.
 */
export const SETTING_FLAGS: Array<{ flags: string; description: string; repeatable?: true }> = [
  { flags: '--backend <id>', description: `backend to bridge: ${BACKEND_IDS.join(', ')} (env SOCBRIDGE_BACKEND; default aisoc)` },
  { flags: '--url <url>', description: 'backend base URL; for --backend mcp the remote MCP endpoint, e.g. https://host/mcp (env SOCBRIDGE_URL; AISOC_URL)' },
  { flags: '--api-key <key>', description: 'backend API key (env SOCBRIDGE_API_KEY; AISOC_API_KEY). Prefer env or a profile: argv is visible to other users' },
  { flags: '--profile <name>', description: 'read url/key from a stored profile (env SOCBRIDGE_PROFILE; default: the "default" profile if any)' },
  { flags: '--timeout <ms>', description: 'per-call deadline covering connect, headers, body and retries (env SOCBRIDGE_TIMEOUT_MS; default 20000)' },
  { flags: '--read-only', description: 'hide every tool that writes (env SOCBRIDGE_READ_ONLY)' },
  { flags: '--tools <names>', description: 'serve only these tools, comma-separated; globs like list_* with --backend mcp (env SOCBRIDGE_TOOLS)' },
  { flags: '--exclude-tools <names>', description: 'hide these tools, comma-separated; globs with --backend mcp (env SOCBRIDGE_EXCLUDE_TOOLS)' },
  { flags: '--max-result-chars <n>', description: 'cap on one result\'s JSON text (env SOCBRIDGE_MAX_RESULT_CHARS; default 20000)' },
  { flags: '--ca-file <path>', description: 'extra trusted CA bundle, PEM (env SOCBRIDGE_CA_FILE; NODE_EXTRA_CA_CERTS is read too)' },
  { flags: '--transport <kind>', description: 'remote MCP transport for --backend mcp: auto (streamable HTTP, SSE when the server refuses POST), http or sse (env SOCBRIDGE_TRANSPORT; default auto)' },
  { flags: '--header <line>', description: "extra request header for --backend mcp, 'Name: value', repeatable (env SOCBRIDGE_HEADERS, one per line); values are never logged", repeatable: true },
  { flags: '--prefix <text>', description: 'namespace the remote tool and prompt names for --backend mcp, e.g. saltare (env SOCBRIDGE_PREFIX)' },
  { flags: '--verbose', description: 'debug logs on stderr (env SOCBRIDGE_VERBOSE; AISOC_MCP_VERBOSE)' },
];
