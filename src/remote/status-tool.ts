import type { Tool } from '@modelcontextprotocol/client';

/**
 * What `tools/list` serves while the remote has never answered: one tool that says why, so the
 * host shows an explanation instead of an empty catalog (or a server marked failed). Calling it
 * retries the connection at once; once the remote answers, the host is told the list changed and
 * the remote's tools replace it.
 */
export function statusTool(name: string, url: string, explanation: string): Tool {
  return {
    name,
    title: 'Remote MCP server unavailable',
    description:
      `socbridge cannot reach the remote MCP server at ${url} yet, so its tools are not listed. ${explanation} ` +
      'Call this tool to retry the connection now; when it succeeds the remote tools replace this one.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { title: 'Remote MCP server unavailable', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  };
}

export const STATUS_TOOL_NAME = 'socbridge_remote_status';
