import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import { iso } from '../../dataset/clock.js';
import { slug } from './shapes.js';
import type { LiveCase } from './state.js';
import type { ToolEnv } from './tools/define.js';

/**
 * Saltare-style resources: each runbook/SOP as a static `saltare://documents/<slug>`, and each case
 * through the `saltare://cases/{case_number}` template, both as markdown.
 */
export function registerResources(server: McpServer, env: ToolEnv): void {
  for (const doc of env.dataset.contextDocuments.filter((d) => d.tenantId === env.principal.tenantId)) {
    const uri = `saltare://documents/${slug(doc.title)}`;
    server.registerResource(slug(doc.title), uri, { title: doc.title, description: doc.description, mimeType: 'text/markdown' }, () => ({
      contents: [{ uri, mimeType: 'text/markdown', text: doc.content }],
    }));
  }

  const cases = new ResourceTemplate('saltare://cases/{case_number}', {
    list: () => ({ resources: env.state.cases().map((c) => ({ uri: caseUri(c), name: c.caseNumber, title: `${c.caseNumber}: ${c.title}`, mimeType: 'text/markdown' })) }),
    complete: { case_number: (value) => env.state.cases().map((c) => c.caseNumber).filter((n) => n.toLowerCase().startsWith(value.toLowerCase())).slice(0, 100) },
  });
  server.registerResource('case', cases, { title: 'Case', description: 'A case as markdown: summary, status, comments and tasks.', mimeType: 'text/markdown' }, (uri, variables) => {
    const number = String(variables.case_number ?? '');
    const c = env.state.findCase(number);
    // An unknown case is a bad URI (-32602), the way Saltare answers one.
    if (!c) throw new Error(`Resource ${uri.href} not found: no case ${number}`);
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: caseMarkdown(c) }] };
  });
}

function caseUri(c: LiveCase): string {
  return `saltare://cases/${c.caseNumber}`;
}

function caseMarkdown(c: LiveCase): string {
  return [
    `# ${c.caseNumber}: ${c.title}`,
    '',
    `- Severity: ${c.severity}`,
    `- Status: ${c.status}`,
    `- Assignee: ${c.assignee ?? 'unassigned'}`,
    `- Alerts: ${c.alertIds.length}`,
    `- Updated: ${iso(c.updatedAtMs)}`,
    '',
    c.description,
    '',
    '## Comments',
    ...c.notes.map((n) => `- ${iso(n.atMs)} ${n.author}: ${n.body}`),
    '',
    '## Tasks',
    ...c.tasks.map((t) => `- [${t.status === 'done' ? 'x' : ' '}] ${t.title}`),
  ].join('\n');
}
