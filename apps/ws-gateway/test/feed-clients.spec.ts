import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@teranode-p2p/testing';
import { EventProducer, p2pEvent, subtreeEvent } from './support/event-producer.js';
import { FeedTestClient, waitUntilConsuming } from './support/feed-client.js';
import { startGateway, type RunningGateway } from './support/gateway-process.js';

function nodeStatus(peerId: string, bestHeight: number) {
  return p2pEvent({
    received_at_ms: String(Date.now()),
    node_status: {
      base_url: `https://${peerId}.example.com/api/v1`,
      peer_id: peerId,
      version: 'v0.11.0',
      commit_hash: 'c',
      best_block_hash: 'b',
      best_height: bestHeight,
      fsm_state: 'RUNNING',
      start_time: '1',
      uptime: 2,
      client_name: peerId,
      miner_name: '',
      listen_mode: 'full',
      chain_work: '',
      sync_peer_id: '',
      sync_peer_height: 0,
      sync_peer_block_hash: '',
      sync_connected_at: '0',
    },
  });
}

/** Sends a raw request and returns the first line of the answer. */
async function rawHttp(httpUrl: string, request: string): Promise<string> {
  const { port } = new URL(httpUrl);
  const socket = connect(Number(port), '127.0.0.1');
  socket.write(request);
  let answer = '';
  for await (const chunk of socket) answer += (chunk as Buffer).toString();
  return answer.split('\r\n')[0]!;
}

/** A WebSocket client on a bare socket: upgraded, then it answers nothing (no close frame). */
async function mutedClient(httpUrl: string): Promise<Socket> {
  const { port } = new URL(httpUrl);
  const socket = connect(Number(port), '127.0.0.1');
  socket.write(
    'GET /p2p-ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const [answer] = (await once(socket, 'data')) as [Buffer];
  if (!answer.toString().startsWith('HTTP/1.1 101 ')) throw new Error(answer.toString());
  socket.on('error', () => undefined);
  return socket;
}

/** A masked binary frame of one byte: the gateway drops its sender (1003). */
const BINARY_FRAME = Buffer.from([0x82, 0x81, 0, 0, 0, 0, 0x2a]);

async function stats(gateway: RunningGateway) {
  return (await (await fetch(`${gateway.httpUrl}/p2p-ws/stats`)).json()) as {
    clients: number;
    closing: number;
    queued_messages: number;
    queued_bytes: number;
    dropped: Record<string, number>;
    deliveries: number;
    node_statuses: number;
  };
}

describe('ws-gateway clients', () => {
  let producer: EventProducer;
  let gateway: RunningGateway;
  let watcher: FeedTestClient;

  beforeAll(async () => {
    producer = await EventProducer.create();
    gateway = await startGateway(producer.topic, {
      ws_ping_interval: '1h',
      // Room for a client that reads, in a test process that also parses 60 kB frames for two
      // others on a slow machine (the watcher was once dropped at 256 KiB); still far below the
      // 24 MB that the client that never reads is sent.
      ws_client_queue_max_messages: '200',
      ws_client_queue_max_bytes: '2097152',
      ws_max_frame_size: '1024',
      ws_node_status_max_nodes: '2',
      ws_max_clients: '20',
      ws_allowed_origins: 'https://allowed.example.com',
    });
    watcher = await FeedTestClient.connect(gateway.wsUrl);
    await waitUntilConsuming(producer, [watcher]);
  }, 60_000);

  afterAll(async () => {
    watcher?.close();
    await gateway?.stop();
    await producer?.close();
  });

  it('greets a new client with the latest node_status of each known node (bounded), then live events', async () => {
    const seen = watcher.events().length;
    await producer.send(
      nodeStatus('nodeA', 1),
      nodeStatus('nodeB', 1),
      nodeStatus('nodeA', 2),
      nodeStatus('nodeC', 1), // the bound is 2 nodes: nodeB, heard from longest ago, is forgotten
    );
    await watcher.waitForEvents(seen + 4);
    const client = await FeedTestClient.connect(gateway.wsUrl);
    await producer.send(subtreeEvent('live-after-greeting'));
    const frames = await client.waitForEvents(3);
    client.close();
    expect(
      frames.map((f) => [
        f.json['type'],
        f.json['type'] === 'node_status' ? f.json['peer_id'] : f.json['hash'],
        f.json['best_height'],
      ]),
    ).toEqual([
      ['node_status', 'nodeA', 2],
      ['node_status', 'nodeC', 1],
      ['subtree', 'live-after-greeting', 0],
    ]);
    expect((await stats(gateway)).node_statuses).toBe(2);
  });

  it('honours ?types= and refuses an unknown type with 400', async () => {
    const blocksOnly = await FeedTestClient.connect(`${gateway.wsUrl}?types=block`);
    await producer.send(
      subtreeEvent('filtered-out'),
      p2pEvent({
        block: {
          hash: 'wanted',
          height: 1,
          data_hub_url: '',
          peer_id: '',
          header: '',
          coinbase: '',
        },
      }),
    );
    const frames = await blocksOnly.waitForEvents(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    blocksOnly.close();
    expect(blocksOnly.events().map((f) => f.json['hash'])).toEqual(['wanted']);
    expect(frames[0]!.json['type']).toBe('block');
    await expect(FeedTestClient.connect(`${gateway.wsUrl}?types=blocks`)).rejects.toThrow(
      'HTTP 400',
    );
  });

  it('drops a client that never reads (1013) while a fast client receives everything', async () => {
    const slow = await FeedTestClient.connect(gateway.wsUrl);
    const fast = await FeedTestClient.connect(gateway.wsUrl);
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    // Once dropped, the slow client reads again: it must find the data sent before the drop,
    // then the close frame with 1013 (within the gateway's close grace period).
    const droppedThenResumed = waitFor(
      'the slow client to be dropped',
      async () => (await stats(gateway)).dropped['slow'] === 1,
      { timeoutMs: 60_000, intervalMs: 20 },
    ).then(() => (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume());
    // 60 kB frames; the bulk is in the URL, not the hash, which keys the record as gossip-node
    // keys it (a 60 kB key would cost the producer's partitioner more than the test measures).
    const big = `https://peer2.example.com/${'x'.repeat(60_000)}`;
    const count = 400; // 24 MB: more than the loopback socket buffers (≤ 4 MiB) and the 2 MiB queue
    for (let i = 0; i < count; i += 10) {
      await producer.send(
        ...Array.from({ length: 10 }, (_, j) => subtreeEvent(`bulk-${i + j}`, Date.now(), big)),
      );
    }
    await waitFor(
      'the fast client to get every event',
      () => fast.ofType('subtree').length >= count,
      { timeoutMs: 60_000 },
    );
    expect(fast.ofType('subtree').map((f) => String(f.json['hash']).split('-')[1])).toEqual(
      Array.from({ length: count }, (_, i) => String(i)),
    );
    await droppedThenResumed;
    const closed = await slow.waitForClose(30_000);
    expect(closed).toEqual({ code: 1013, reason: 'send queue full: the client reads too slowly' });
    expect(slow.events().length).toBeLessThan(count);
    expect((await stats(gateway)).clients).toBe(2); // the watcher and the fast client
    fast.close();
  }, 120_000);

  it.each([
    ['a binary frame', (c: FeedTestClient) => c.ws.send(Buffer.from([1, 2, 3])), 1003],
    ['a 10 MB frame', (c: FeedTestClient) => c.ws.send('y'.repeat(10 * 1024 * 1024)), 1009],
    [
      'invalid UTF-8 in a text frame',
      (c: FeedTestClient) => c.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false }),
      1007,
    ],
  ])('closes a client that sends %s, and only that client', async (_what, misbehave, code) => {
    const bad = await FeedTestClient.connect(gateway.wsUrl);
    const good = await FeedTestClient.connect(gateway.wsUrl);
    good.ws.send('text from clients is ignored');
    misbehave(bad);
    expect((await bad.waitForClose()).code).toBe(code);
    await producer.send(subtreeEvent('after-garbage'));
    await waitFor('the good client to get the next event', () =>
      good.events().some((f) => f.json['hash'] === 'after-garbage'),
    );
    expect(good.closed).toBeUndefined();
    good.close();
  });

  it('answers failed upgrades with an HTTP error and keeps serving', async () => {
    const plain = await fetch(`${gateway.httpUrl}/p2p-ws`);
    expect(plain.status).toBe(426);
    const noKey = await rawHttp(
      gateway.httpUrl,
      'GET /p2p-ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(noKey).toMatch(/^HTTP\/1\.1 400 /);
    const badVersion = await rawHttp(
      gateway.httpUrl,
      'GET /p2p-ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n',
    );
    expect(badVersion).toMatch(/^HTTP\/1\.1 400 /);
    await expect(
      FeedTestClient.connect(gateway.wsUrl.replace('/p2p-ws', '/elsewhere')),
    ).rejects.toThrow('HTTP 404');
    await expect(
      FeedTestClient.connect(gateway.wsUrl, { origin: 'https://evil.example.com' }),
    ).rejects.toThrow('HTTP 403');
    const allowed = await FeedTestClient.connect(gateway.wsUrl, {
      origin: 'https://allowed.example.com',
    });
    allowed.close();

    await producer.send(subtreeEvent('after-refusals'));
    expect((await watcher.waitForEvents(1)).length).toBeGreaterThan(0);
    await waitFor('the watcher to get the event', () =>
      watcher.events().some((f) => f.json['hash'] === 'after-refusals'),
    );
  });

  it('refuses clients beyond ws_max_clients with 503', async () => {
    const current = (await stats(gateway)).clients;
    const extra = await Promise.all(
      Array.from({ length: 20 - current }, () => FeedTestClient.connect(gateway.wsUrl)),
    );
    await expect(FeedTestClient.connect(gateway.wsUrl)).rejects.toThrow('HTTP 503');
    for (const client of extra) client.close();
    await waitFor('the clients to be gone', async () => (await stats(gateway)).clients === current);
    (await FeedTestClient.connect(gateway.wsUrl)).close();
  });

  it('reports clients, queues and drops on /p2p-ws/stats and /metrics', async () => {
    await waitFor('only the watcher to be left', async () => (await stats(gateway)).clients === 1);
    const s = await stats(gateway);
    expect(s).toMatchObject({ clients: 1, queued_messages: 0, queued_bytes: 0 });
    expect(s.dropped).toMatchObject({ slow: 1, binary_frame: 1, protocol_error: 2 });
    const metrics = await (await fetch(`${gateway.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/ws_gateway_clients\{[^}]*\} 1/);
    expect(metrics).toMatch(/ws_gateway_clients_dropped_total\{reason="slow"[^}]*\} 1/);
    expect(metrics).toMatch(/ws_gateway_upgrades_refused_total\{reason="origin"[^}]*\} 1/);
  });

  it('counts dropped clients whose sockets are still closing against ws_max_clients', async () => {
    // Dropped, a client left the count at once while its socket stayed open up to the close
    // grace (2 s): dropping and reconnecting over and over held more sockets than the cap.
    const current = (await stats(gateway)).clients;
    const muted = await Promise.all(
      Array.from({ length: 20 - current }, () => mutedClient(gateway.httpUrl)),
    );
    for (const socket of muted) socket.write(BINARY_FRAME);
    await waitFor('the muted clients to be dropped', async () => {
      const s = await stats(gateway);
      return s.clients === current && s.closing === muted.length;
    });
    await expect(FeedTestClient.connect(gateway.wsUrl)).rejects.toThrow('HTTP 503');
    for (const socket of muted) socket.destroy();
    await waitFor('their sockets to be gone', async () => (await stats(gateway)).closing === 0);
    (await FeedTestClient.connect(gateway.wsUrl)).close();
  });
});
