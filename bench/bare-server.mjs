// The floor for cold start: a bare Node script that answers one JSON-RPC line on stdio.
import { createInterface } from 'node:readline';

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.method === 'initialize') {
    process.stdout.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion, capabilities: {}, serverInfo: { name: 'bare', version: '0' } } })}\n`,
    );
  }
});
rl.on('close', () => process.exit(0));
