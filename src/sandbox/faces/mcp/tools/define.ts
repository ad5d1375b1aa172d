import type { CallToolResult, McpServer, ServerContext, ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { Dataset } from '../../../dataset/types.js';
import type { SandboxContext } from '../../../server/context.js';
import type { McpScope } from '../../../server/keys.js';
import type { McpPrincipal } from '../auth.js';
import type { McpState } from '../state.js';

/** What a tool runs against: the dataset, MCP's writes on top of it, and the caller. */
export interface ToolEnv {
  ctx: SandboxContext;
  dataset: Dataset;
  state: McpState;
  principal: McpPrincipal;
}

/** The scope that exposes a tool, Saltare's exposure levels. */
export type ToolScope = Extract<McpScope, `mcp:tools:${string}`>;

type Annotations = Required<Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>>;

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject | undefined> {
  name: string;
  title: string;
  description: string;
  scope: ToolScope;
  /** All four hints, set truthfully: the sandbox is a closed world, so `openWorldHint` is false. */
  annotations: Annotations;
  input: I;
  /** When set, every successful result carries `structuredContent` matching it. */
  output?: O;
  run(args: z.output<I>, env: ToolEnv, ctx: ServerContext): CallToolResult | Promise<CallToolResult>;
}

/** A tool with its types erased, ready to register on a server built for one caller. */
export interface McpTool {
  name: string;
  scope: ToolScope;
  register(server: McpServer, env: ToolEnv): void;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject | undefined = undefined>(spec: ToolSpec<I, O>): McpTool {
  return {
    name: spec.name,
    scope: spec.scope,
    register(server, env) {
      // The SDK validated `args` against this schema already; parsing again types them without a cast.
      const input: z.ZodObject = spec.input;
      const output: z.ZodObject | undefined = spec.output;
      server.registerTool(
        spec.name,
        { title: spec.title, description: spec.description, inputSchema: input, ...(output ? { outputSchema: output } : {}), annotations: { title: spec.title, ...spec.annotations } },
        (args, ctx) => spec.run(spec.input.parse(args), env, ctx),
      );
    },
  };
}

/** A successful result: the value as structured content plus one compact JSON text block. */
export function ok(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/** A business error the model can act on: what went wrong and what to call instead. */
export function refuse(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

export const READ: Annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
