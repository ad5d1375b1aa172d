import { MCP_FIELDS, type SnippetHost } from './types.js';

export const cody: SnippetHost = {
  kind: 'snippet',
  id: 'cody',
  label: 'Cody',
  where: 'no documented MCP config file to edit; where your Cody build supports MCP servers, add this to VS Code settings.json:',
  container: 'cody.mcpServers',
  entry: { fields: MCP_FIELDS },
};
