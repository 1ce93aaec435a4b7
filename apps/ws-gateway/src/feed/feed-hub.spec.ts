import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { WebSocket } from 'ws';
import { FeedHub, type FramedNotification } from './feed-hub.js';

/** A socket that takes `capacity` writes before it reports backpressure, until drained. */
class FakeSocket extends EventEmitter {
  readonly written: Buffer[] = [];
  destroyed = false;
  private pending = 0;

  constructor(private readonly capacity: number) {
    super();
  }

  write(data: Buffer): boolean {
    this.written.push(data);
    return ++this.pending < this.capacity;
  }

  cork(): void {}
  uncork(): void {}

  drain(): void {
    this.pending = 0;
    this.emit('drain');
  }

  text(): string {
    return Buffer.concat(this.written).toString('latin1');
  }
}

class FakeWs extends EventEmitter {
  closed: [number, string] | undefined;
  terminated = false;
  pings = 0;
  readonly CLOSED = 3;
  readyState = 1;
  close(code: number, reason: string) {
    this.closed = [code, reason];
  }
  terminate() {
    this.terminated = true;
  }
  ping() {
    this.pings++;
  }
}

const frame = (type: FramedNotification['type'], text: string): FramedNotification => ({
  type,
  frame: Buffer.from(`[${text}]`),
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

function hub(options: Partial<ConstructorParameters<typeof FeedHub>[0]> = {}) {
  return new FeedHub({
    maxMessages: 3,
    maxBytes: 1_000,
    maxNodeStatuses: 2,
    closeGraceMs: 10,
    ...options,
  });
}

function connect(h: FeedHub, capacity = 1_000, types?: Set<'block' | 'subtree' | 'node_status'>) {
  const ws = new FakeWs();
  const socket = new FakeSocket(capacity);
  const client = h.add(ws as unknown as WebSocket, socket as unknown as Duplex, types);
  return { ws, socket, client };
}

describe('FeedHub', () => {
  it('writes the notifications of one turn as one buffer per client filter', async () => {
    const h = hub();
    const all = connect(h);
    const all2 = connect(h);
    const blocks = connect(h, 1_000, new Set(['block']));
    h.publish(frame('block', 'b1'));
    h.publish(frame('subtree', 's1'));
    h.publish(frame('block', 'b2'));
    await tick();
    expect(all.socket.written.map(String)).toEqual(['[b1][s1][b2]']);
    expect(all2.socket.written[0]).toBe(all.socket.written[0]); // the same Buffer, built once
    expect(blocks.socket.written.map(String)).toEqual(['[b1][b2]']);
    expect(h.delivered).toBe(3 + 3 + 2);
  });

  it('queues behind a full socket, flushes on drain, and drops a client past its bound', async () => {
    const h = hub({ maxMessages: 3 });
    const slow = connect(h, 1);
    const fast = connect(h);
    h.publish(frame('block', '1')); // fills the slow socket
    await tick();
    h.publish(frame('block', '2'));
    await tick();
    h.publish(frame('block', '3'));
    await tick();
    expect(h.queued()).toEqual({ messages: 2, bytes: 6 });
    slow.socket.drain();
    expect(slow.socket.text()).toBe('[1][2][3]');
    for (const n of [4, 5, 6, 7, 8]) {
      h.publish(frame('block', String(n)));
      await tick();
    }
    expect(slow.ws.closed).toEqual([1013, 'send queue full: the client reads too slowly']);
    expect(h.dropped.slow).toBe(1);
    expect(h.clients).toBe(1);
    expect(h.queued()).toEqual({ messages: 0, bytes: 0 });
    expect(fast.socket.text()).toBe('[1][2][3][4][5][6][7][8]');
  });

  it('drops a client past its byte bound', async () => {
    const h = hub({ maxMessages: 100, maxBytes: 10 });
    const slow = connect(h, 1);
    h.publish(frame('block', 'first'));
    await tick();
    h.publish(frame('block', '12345678901'));
    await tick();
    expect(h.dropped.slow).toBe(1);
    expect(slow.ws.closed?.[0]).toBe(1013);
  });

  it('greets a new client with the latest node_status per node, unless filtered out', async () => {
    const h = hub({ maxNodeStatuses: 2 });
    h.publish(frame('node_status', 'a1'), 'a');
    h.publish(frame('node_status', 'b1'), 'b');
    h.publish(frame('node_status', 'a2'), 'a');
    h.publish(frame('node_status', 'c1'), 'c');
    await tick();
    const first = connect(h).socket;
    const second = connect(h).socket;
    expect(first.text()).toBe('[a2][c1]');
    expect(second.written[0]).toBe(first.written[0]); // concatenated once, shared
    h.publish(frame('node_status', 'c2'), 'c');
    // Connected before the batch is sent: greeted with the old state, then gets c2 live, once.
    const between = connect(h).socket;
    await tick();
    expect(between.text()).toBe('[a2][c1][c2]');
    expect(connect(h).socket.text()).toBe('[a2][c2]');
    expect(connect(h, 1_000, new Set(['block'])).socket.written).toEqual([]);
    expect(h.nodeStatuses.stats().evicted).toBe(1);
  });

  it('ends a client that did not answer the previous ping, and counts it', () => {
    const h = hub();
    const answering = connect(h);
    const silent = connect(h);
    h.pingAll();
    answering.client.alive = true;
    h.pingAll();
    expect(silent.ws.terminated).toBe(true);
    expect(answering.ws.terminated).toBe(false);
    expect(answering.ws.pings).toBe(2);
    expect(h.dropped.dead).toBe(1);
    expect(h.clients).toBe(1);
  });

  it('flushes at once when a burst reaches the pending bound', () => {
    const h = hub({ maxMessages: 10_000, maxBytes: 10_000_000 });
    const c = connect(h);
    for (let i = 0; i < 1_000; i++) h.publish(frame('block', 'x'));
    expect(c.socket.written).toHaveLength(1);
  });
});
