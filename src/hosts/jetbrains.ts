import { MCP_FIELDS, type SnippetHost } from './types.js';

export const jetbrains: SnippetHost = {
  kind: 'snippet',
  id: 'jetbrains',
  label: 'JetBrains AI Assistant',
  where: 'configured in the IDE: Settings → Tools → AI Assistant → Model Context Protocol (MCP) → Add → As JSON, and paste:',
  container: 'mcpServers',
  entry: { fields: MCP_FIELDS },
};
