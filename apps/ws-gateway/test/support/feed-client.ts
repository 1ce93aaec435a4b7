import { waitFor } from '@teranode-p2p/testing';
import WebSocket, { type ClientOptions } from 'ws';
import type { EventProducer } from './event-producer.js';
import { subtreeEvent } from './event-producer.js';

export interface ReceivedFrame {
  text: string;
  json: Record<string, unknown>;
  at: number;
}

/** A real WebSocket client of the feed that records every frame and how the connection ended. */
export class FeedTestClient {
  readonly frames: ReceivedFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      const text = (data as Buffer).toString('utf8');
      this.frames.push({ text, json: isBinary ? {} : JSON.parse(text), at: Date.now() });
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  }

  static async connect(url: string, options: ClientOptions = {}): Promise<FeedTestClient> {
    const ws = new WebSocket(url, options);
    const client = new FeedTestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: HTTP ${response.statusCode}`)),
      );
    });
    return client;
  }

  /** Frames of the given type, in arrival order (PING and probes left out unless asked). */
  ofType(type: string): ReceivedFrame[] {
    return this.frames.filter((f) => f.json['type'] === type && !isProbe(f));
  }

  /** Frames other than PING and readiness probes. */
  events(): ReceivedFrame[] {
    return this.frames.filter((f) => f.json['type'] !== 'PING' && !isProbe(f));
  }

  async waitForEvents(count: number, timeoutMs = 15_000): Promise<ReceivedFrame[]> {
    await waitFor(
      `${count} events (have ${this.events().length})`,
      () => this.events().length >= count,
      {
        timeoutMs,
      },
    );
    return this.events();
  }

  async waitForClose(timeoutMs = 15_000): Promise<{ code: number; reason: string }> {
    return waitFor('the connection to close', () => this.closed, { timeoutMs });
  }

  close(): void {
    this.ws.terminate();
  }
}

const PROBE_PREFIX = 'probe-';

function isProbe(frame: ReceivedFrame): boolean {
  return typeof frame.json['hash'] === 'string' && frame.json['hash'].startsWith(PROBE_PREFIX);
}

/**
 * A replica starts at the latest offset once it has joined its group; to know it is past that
 * point, send probe events until every client has received one.
 */
export async function waitUntilConsuming(
  producer: EventProducer,
  clients: FeedTestClient[],
): Promise<void> {
  let n = 0;
  await waitFor(
    'the gateway to deliver a probe event to every client',
    async () => {
      if (clients.every((c) => c.frames.some(isProbe))) return true;
      await producer.send(subtreeEvent(`${PROBE_PREFIX}${n++}`));
      return false;
    },
    { timeoutMs: 20_000, intervalMs: 250 },
  );
}
