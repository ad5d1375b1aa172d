import type { z } from 'zod';
import type { BackendError } from '../http/errors.js';
import type { HttpClient, HttpMethod, QueryValue } from '../http/types.js';
import type { Logger } from '../server/logger.js';

/** All four MCP tool annotations, always explicit (the spec defaults are unsafe for writes). */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What a tool's `run` gets: an HTTP client already bound to this call's tool name and abort signal. */
export interface ToolContext {
  http: HttpClient;
  signal: AbortSignal;
  /** Sends `notifications/progress` when the caller supplied a progress token; otherwise a no-op. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  log: Logger;
}

/** A list result: the one envelope every list tool returns. */
export interface ListResult<T = unknown> {
  items: T[];
  total?: number;
  next_cursor?: string | number;
  next_page?: number;
  truncated: boolean;
  [extra: string]: unknown;
}

/** A tool's successful output: a JSON object (shaped and capped by server/results.ts). */
export type ToolOutput = Record<string, unknown>;

/**
 * A tool is data: its name, text for the model, a strict input schema, annotations, the backend
 * permission it needs, and one `run` that turns validated arguments into REST calls.
 */
export interface ToolSpec<Schema extends z.ZodObject = z.ZodObject> {
  /** `<backend>_<verb>_<noun>`, snake_case, ≤ 64 characters. */
  name: string;
  title: string;
  /** Written for a model: what it returns, when to use it, which tool to call next. */
  description: string;
  input: Schema;
  annotations: ToolAnnotations;
  /** The backend permission (scope) the call needs, as the backend names it. */
  scope: string;
  /** True for anything that changes backend state or starts work there; hidden by --read-only. */
  writes: boolean;
  /** How to explain a 404: what was not found, which argument held its id, which tool lists valid ids. */
  notFound?: { what: string; idArg: string; listTool: string };
  run(args: z.infer<Schema>, ctx: ToolContext): Promise<ToolOutput>;
}

/** Erases the schema type so specs with different schemas can share one catalog array. */
// The run signature is contravariant in its args, so a catalog has to hold the widened form.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolSpec = ToolSpec<z.ZodObject<any>>;

export function defineTool<Schema extends z.ZodObject>(spec: ToolSpec<Schema>): AnyToolSpec {
  return spec as unknown as AnyToolSpec;
}

/**
 * A resource (fixed `uri`) or resource template (`uri` with RFC 6570 `{vars}`): read-only data a
 * host can attach as context. `read` gets the template variables and the same context as a tool.
 */
export interface ResourceSpec {
  name: string;
  uri: string;
  title: string;
  description: string;
  /** The backend permission reading it needs. */
  scope: string;
  read(vars: Record<string, string>, ctx: ToolContext): Promise<ToolOutput>;
}

/** A backend: how to authenticate, its catalog, and how to read its error bodies. */
export interface Connector {
  id: string;
  label: string;
  /** Path prefix of the REST API below the user's URL (`/api/v1` for AiSOC); added unless the URL already ends with it. */
  apiPrefix: string;
  /** Server instructions: the main workflows, for the model. */
  instructions: string;
  /** Request headers that carry the credential. */
  authHeaders(apiKey: string): Record<string, string>;
  /** The backend's own error message from an error body (FastAPI `detail`, Calseta `error.message`). */
  errorMessage(body: unknown): string | undefined;
  /** How to get a key with a given scope, for 403 texts. */
  scopeHelp: string;
  /** What a non-JSON success most likely means for this backend (Calseta serves its web UI on unknown paths). */
  nonJsonHint?: string;
  tools: AnyToolSpec[];
  /** MCP resources and resource templates the backend offers (Calseta's `calseta://…` URIs). */
  resources?: ResourceSpec[];
  /**
   * Scope awareness, for backends with no "who am I" endpoint: the scope a 403 says is missing.
   * When defined, a 403 naming a scope hides every tool needing it and tells the host
   * (`notifications/tools/list_changed`).
   */
  missingScopeOf?(error: BackendError): string | undefined;
  /** What `socbridge doctor` asks this backend; without it doctor checks the network path only. */
  doctor?: ConnectorDoctor;
}

/**
 * One request doctor sends to learn something. Never one that changes state: a POST probe sends a
 * body the backend must refuse with 422 *after* its permission check, so no handler ever runs.
 */
export interface DoctorProbe {
  method: HttpMethod;
  /** Below the API prefix. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Non-2xx statuses that still prove the permission check passed (422 for the POST probes). */
  passes?: number[];
}

/** A backend's answers to "is it up, who am I, what may I do", as data for `socbridge doctor`. */
export interface ConnectorDoctor {
  health: {
    /** At the origin root, outside the API prefix. */
    path: string;
    /** Reads the health body: healthy or not, in the backend's words, and its version when given. */
    read(body: unknown): { healthy: boolean; said: string; version?: string };
    /** What a 404 on the health path most likely means for this backend. */
    notFound: string;
  };
  auth: {
    /** A cheap request any valid credential may make. */
    probe: DoctorProbe;
    /** What the backend's 401 messages mean and how to fix each, first match wins. */
    rejections: Array<{ match: RegExp; means: string; fix: string }>;
    /** What 403 on the auth probe itself means (the key is valid, its owner may not do this). */
    forbidden: { means: string; fix: string };
    /** The shape of a well-formed key, to spot truncated pastes and wrong key types. */
    keyFormat?: { pattern: RegExp; description: string };
    /** The permission named in a 403 message ("API key missing scope: alerts:read"). */
    missingScope(message: string | undefined): string | undefined;
  };
  /** One cheap probe per scope the tools need; a tool whose scope has none is reported as not verified. */
  scopes: Array<{ scope: string; probe: DoctorProbe }>;
}
