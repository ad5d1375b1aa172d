/**
 * A tiny route table: `/api/v1/cases/:case_id/timeline` patterns, matched segment by segment.
 * Parameters are URL-decoded, so an encoded id arrives as the caller sent it.
 */

export interface RouteSpec {
  method: string;
  pattern: string;
}

export type RouteMatch<R> = { kind: 'found'; route: R; params: Record<string, string> } | { kind: 'method_not_allowed' } | { kind: 'not_found' };

export class Router<R extends RouteSpec> {
  private readonly routes: Array<{ route: R; segments: string[] }>;

  constructor(routes: readonly R[]) {
    this.routes = routes.map((route) => ({ route, segments: split(route.pattern) }));
  }

  match(method: string, path: string): RouteMatch<R> {
    const segments = split(path);
    let pathMatched = false;
    for (const { route, segments: pattern } of this.routes) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { kind: 'found', route, params };
    }
    return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(a);
      } catch {
        return null; // malformed percent-encoding matches no route
      }
      params[p.slice(1)] = decoded;
    } else if (p !== a) {
      return null;
    }
  }
  return params;
}
