import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  url: string;
  port: number;
  /** The `host:port` of every CONNECT, in order. */
  tunnels: string[];
  /** Every CONNECT with its headers (Proxy-Authorization among them). */
  requests: Array<{ target: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/**
 * A CONNECT proxy on 127.0.0.1, as corporate proxies and undici's ProxyAgent speak it. Each tunnel
 * goes where it asks, or, with `forwardTo`, always to that local port: a proxy that resolves names
 * this machine cannot. Anything but CONNECT is refused with 405.
 */
export async function startConnectProxy(options: { forwardTo?: number } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const requests: ConnectProxy['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    requests.push({ target, headers: req.headers });
    const [host, port] = options.forwardTo ? ['127.0.0.1', options.forwardTo] : [target.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''), Number(target.split(':').pop())];
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
