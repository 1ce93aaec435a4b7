import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort, startWithSettings } from '@teranode-p2p/testing';
import { createServer, type Server } from 'node:net';

// The built app, started with one of its addresses already taken: it must stop with one fatal
// line that names the server, the address and the reason (for libp2p also the settings; its own
// text recommended a libp2p option operators do not have).
describe('gossip-node cannot listen on an address', () => {
  let occupant: Server | undefined;
  afterEach(() => {
    occupant?.close();
  });

  async function occupied(): Promise<number> {
    const port = await freePort();
    occupant = createServer();
    await new Promise<void>((resolve) => occupant!.listen(port, '127.0.0.1', resolve));
    return port;
  }

  async function start(ports: { p2p: number; grpc: number; http: number }) {
    const { code, lines } = await startWithSettings('gossip-node', {
      network: 'regtest',
      p2p_port: String(ports.p2p),
      p2p_listen_addresses: '127.0.0.1',
      p2p_grpc_listen_address: `127.0.0.1:${ports.grpc}`,
      gossip_node_http_listen_address: `127.0.0.1:${ports.http}`,
      ban_service_grpc_address: '127.0.0.1:1',
      log_level: 'error',
    });
    // Every line is the service's JSON, also grpc-js's own messages (it printed `E No address
    // added …` in plain text before the fatal line).
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    const fatal = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((entry) => entry.level === 60);
    return { code, fatal: fatal.map((entry) => entry.msg) };
  }

  it('libp2p: names the multiaddr and the settings that chose it', async () => {
    const p2p = await occupied();
    const { code, fatal } = await start({ p2p, grpc: await freePort(), http: await freePort() });
    expect(code).toBe(1);
    expect(fatal).toEqual([
      `gossip-node failed to start: libp2p cannot listen on /ip4/127.0.0.1/tcp/${p2p} (p2p_port, p2p_listen_addresses): the address is in use (another process listens on it)`,
    ]);
  }, 30_000);

  it('the gRPC server: names its address and setting', async () => {
    const grpc = await occupied();
    const { code, fatal } = await start({ p2p: await freePort(), grpc, http: await freePort() });
    expect(code).toBe(1);
    expect(fatal).toEqual([
      `gossip-node failed to start: the gRPC server cannot listen on 127.0.0.1:${grpc} (p2p_grpc_listen_address): the address is in use (another process listens on it)`,
    ]);
  }, 30_000);

  it('the HTTP server: names its address and setting', async () => {
    const http = await occupied();
    const { code, fatal } = await start({ p2p: await freePort(), grpc: await freePort(), http });
    expect(code).toBe(1);
    expect(fatal).toEqual([
      `gossip-node failed to start: the HTTP server cannot listen on 127.0.0.1:${http} (gossip_node_http_listen_address): the address is in use (another process listens on it)`,
    ]);
  }, 30_000);
});
