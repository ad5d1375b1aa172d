import type { JSONRPCRequest } from '@modelcontextprotocol/server';
import { hasScope, type McpPrincipal } from './auth.js';
import { findTool } from './tools/index.js';

const RESOURCE_METHODS = new Set(['resources/list', 'resources/read', 'resources/templates/list', 'resources/subscribe', 'resources/unsubscribe']);

/**
 * Saltare's application-level refusals, answered as JSON-RPC error -32000 before the server sees the
 * request: a key bound to no agent may list and read but never call a tool, and a tool or resource
 * needs its scope (the tool is also hidden from `tools/list`). Returns the refusal, or null.
 */
export function refusal(principal: McpPrincipal, request: JSONRPCRequest): string | null {
  if (request.method === 'tools/call') {
    if (principal.agent === null) return 'API key is not bound to an agent';
    const name = request.params?.name;
    const tool = typeof name === 'string' ? findTool(name) : undefined;
    if (tool && !hasScope(principal, tool.scope)) return `missing scope ${tool.scope}`;
  }
  if (RESOURCE_METHODS.has(request.method) && !hasScope(principal, 'mcp:resources:read')) return 'missing scope mcp:resources:read';
  return null;
}
