import type { Connector } from '../connectors/types.js';
import { BackendError } from '../http/errors.js';

export interface HttpFailure {
  summary: string;
  fix: string;
  /** Nothing came back (timeout, refused, reset, TLS): later requests cannot do better. */
  transport: boolean;
}

/** What one failed doctor request means, in the words a person fixing it needs. */
export function describeHttpFailure(error: unknown, request: string, connector: Connector, stepMs: number): HttpFailure {
  if (!(error instanceof BackendError)) throw error;
  const d = error.details;
  const said = d.backendMessage ? `: ${d.backendMessage}` : '';
  switch (error.kind) {
    case 'timeout':
      return { summary: `${request} got no complete answer within ${stepMs} ms`, fix: `${connector.label} accepts connections but does not answer: check that the service behind the port is healthy (and any proxy in between)`, transport: true };
    case 'connect':
    case 'reset':
      return { summary: `${request} failed (${d.code ?? error.message})`, fix: 'see the tcp check; a proxy or load balancer may be dropping the connection', transport: true };
    case 'tls':
      return { summary: `${request} failed TLS (${d.code ?? error.message})`, fix: 'see the tls check', transport: true };
    case 'non_json':
      return { summary: `${request} answered with ${d.backendMessage ?? 'something that is not JSON'}`, fix: `--url points at a web page, a login portal or a proxy, not the ${connector.label} API: use the API's address`, transport: false };
    case 'too_large':
      return { summary: `${request} answered with a body over the size cap`, fix: `check that --url points at the ${connector.label} API`, transport: false };
    case 'http':
      return { ...statusFailure(d.status ?? 0, `${request} → ${d.status}${said}`, connector), transport: false };
    case 'aborted':
    case 'config':
      return { summary: `${request} was not sent (${error.message})`, fix: 'report this as a socbridge bug', transport: false };
  }
}

function statusFailure(status: number, summary: string, connector: Connector): { summary: string; fix: string } {
  if (status === 407) return { summary, fix: 'the proxy wants credentials: put them in the proxy URL, http://user:password@proxy:port' };
  if (status === 429) return { summary, fix: `${connector.label} is rate limiting this key: wait a minute and run doctor again` };
  if (status >= 500) return { summary, fix: `${connector.label} (or a gateway in front of it) is failing: check its status and logs, then run doctor again` };
  if (status === 404) return { summary, fix: `this route does not exist there: check that --url points at the ${connector.label} API (and its version)` };
  return { summary, fix: `check --url and the ${connector.label} version` };
}
