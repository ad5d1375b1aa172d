import { z } from 'zod';
import { slug } from '../shapes.js';
import { defineTool, ok, READ } from './define.js';

export const searchDocs = defineTool({
  name: 'search_docs',
  title: 'Search documents',
  description: 'Searches the workspace\'s runbooks, SOPs and response plans by words in their title, summary or body, best match first. Each hit names its resource URI (saltare://documents/<slug>); read it with resources/read for the full text.',
  scope: 'mcp:tools:read',
  annotations: READ,
  input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(10).default(5) }),
  run(args, env) {
    const words = args.query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    const scored = env.dataset.contextDocuments
      .filter((d) => d.tenantId === env.principal.tenantId)
      .map((d) => {
        const title = d.title.toLowerCase();
        const rest = `${d.description} ${d.content}`.toLowerCase();
        return { d, score: words.reduce((sum, w) => sum + (title.includes(w) ? 3 : 0) + (rest.includes(w) ? 1 : 0), 0) };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.d.title.localeCompare(b.d.title));
    const items = scored.slice(0, args.limit).map(({ d }) => ({ slug: slug(d.title), title: d.title, type: d.documentType, summary: d.description, uri: `saltare://documents/${slug(d.title)}` }));
    return ok({ items, total: scored.length });
  },
});
