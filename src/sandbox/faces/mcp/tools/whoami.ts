import { z } from 'zod';
import { defineTool, ok, READ } from './define.js';

export const whoami = defineTool({
  name: 'whoami',
  title: 'Who am I',
  description: 'Names the workspace, the agent this API key acts as and the scopes it holds. Writes made through MCP are attributed to that agent.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({}),
  run(_args, env) {
    const tenant = env.dataset.tenants.find((t) => t.id === env.principal.tenantId);
    return ok({ workspace: tenant?.name ?? env.principal.tenantId, agent: env.principal.agent ?? '', owner: env.principal.owner.username, scopes: [...env.principal.scopes] });
  },
});
