import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { typesFilterKey, type FilterableType } from '@teranode-p2p/notifications';
import type { WebSocket } from 'ws';
import { FeedClient, type SendQueueLimits } from './feed-client.js';
import { NodeStatusGreeting } from './node-status-greeting.js';

/** A notification ready to send: its type and its complete WebSocket frame. */
export interface FramedNotification {
  type: FilterableType;
  frame: Buffer;
}

export type DropReason = 'slow' | 'dead' | 'binary_frame' | 'protocol_error';

export interface FeedHubOptions extends SendQueueLimits {
  /** Most nodes whose latest node_status is kept for new clients. */
  maxNodeStatuses: number;
  /** How long a closing client may take to answer the close frame before its socket is ended. */
  closeGraceMs: number;
}

/** Notifications collected before one flush; a larger burst is flushed at once. */
const MAX_PENDING_NOTIFICATIONS = 1_000;

interface ClientGroup {
  types: ReadonlySet<FilterableType> | undefined;
  clients: Set<FeedClient>;
}

/**
 * The fan-out: every notification is framed once; the notifications that arrive in the same
 * event-loop turn are concatenated once per distinct client filter and that one Buffer is
 * written to every client of the filter, so the cost per client is one socket write per turn.
 */
export class FeedHub {
  private readonly groups = new Map<string, ClientGroup>();
  private clientCount = 0;
  /** Dropped clients whose sockets are still open: each ends within closeGraceMs. */
  private closingCount = 0;
  private pending: FramedNotification[] = [];
  /** node_status notifications of the pending batch, by node: kept for new clients once sent. */
  private pendingNodeStatuses: [string, FramedNotification][] = [];
  private flushScheduled = false;
  /** The latest node_status of each node, greeting every new client. */
  readonly nodeStatuses: NodeStatusGreeting;
  private flushObserver: (seconds: number) => void = () => undefined;

  delivered = 0;
  readonly dropped: Record<DropReason, number> = {
    slow: 0,
    dead: 0,
    binary_frame: 0,
    protocol_error: 0,
  };

  constructor(private readonly options: FeedHubOptions) {
    this.nodeStatuses = new NodeStatusGreeting(options.maxNodeStatuses);
  }

  /** Is told how long each fan-out turn took (one batch written to every client). */
  observeFlushes(observer: (seconds: number) => void): void {
    this.flushObserver = observer;
  }

  get clients(): number {
    return this.clientCount;
  }

  get closing(): number {
    return this.closingCount;
  }

  /**
   * Open sockets: the clients and the dropped ones still closing. What ws_max_clients bounds,
   * or a client could get past it by being dropped and connecting again, over and over.
   */
  get sockets(): number {
    return this.clientCount + this.closingCount;
  }

  /** Messages and bytes waiting in all clients' queues. */
  queued(): { messages: number; bytes: number } {
    let messages = 0;
    let bytes = 0;
    for (const client of this.allClients()) {
      messages += client.queuedMessages;
      bytes += client.queuedBytes;
    }
    return { messages, bytes };
  }

  /** Queues a notification for every client; node_status is also kept for new clients. */
  publish(notification: FramedNotification, nodeStatusKey?: string): void {
    this.pending.push(notification);
    if (nodeStatusKey !== undefined) this.pendingNodeStatuses.push([nodeStatusKey, notification]);
    if (this.pending.length >= MAX_PENDING_NOTIFICATIONS) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Sends a frame to every client whatever its filter (the PING keepalive). */
  broadcastToAll(frame: Buffer): void {
    for (const client of this.allClients()) if (client.deliver(frame, 1)) this.delivered++;
  }

  /**
   * Registers an upgraded connection: it first gets the latest node_status of every known node,
   * our own gossip nodes' first (when its filter takes node_status), then live notifications.
   */
  add(ws: WebSocket, socket: Duplex, types: ReadonlySet<FilterableType> | undefined): FeedClient {
    const client = new FeedClient(ws, socket, types, this.options, (slow) =>
      this.drop(slow, 'slow', 1013, 'send queue full: the client reads too slowly'),
    );
    if (types === undefined || types.has('node_status')) {
      const greeting = this.nodeStatuses.frames();
      if (greeting.count > 0 && client.deliver(greeting.frames, greeting.count)) {
        this.delivered += greeting.count;
      }
    }
    const key = typesFilterKey(types);
    let group = this.groups.get(key);
    if (!group) {
      group = { types, clients: new Set() };
      this.groups.set(key, group);
    }
    group.clients.add(client);
    this.clientCount++;
    return client;
  }

  /** Forgets a client whose connection has closed. */
  remove(client: FeedClient): void {
    const key = typesFilterKey(client.types);
    const group = this.groups.get(key);
    if (!group?.clients.delete(client)) return;
    this.clientCount--;
    if (group.clients.size === 0) this.groups.delete(key);
  }

  /** Closes a misbehaving client with a close code and reason, and counts it. */
  drop(client: FeedClient, reason: DropReason, code: number, text: string): void {
    if (client.isClosing) return;
    this.dropped[reason]++;
    if (client.ws.readyState !== client.ws.CLOSED) {
      this.closingCount++;
      client.ws.once('close', () => this.closingCount--);
    }
    client.close(code, text, this.options.closeGraceMs);
    this.remove(client);
  }

  /**
   * Protocol-level liveness: a client that has not answered the previous ping is ended and
   * counted; the others are pinged again.
   */
  pingAll(): void {
    for (const client of this.allClients()) {
      if (!client.alive) {
        this.dropped.dead++;
        client.terminate();
        this.remove(client);
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }

  /** Closes every client (shutdown: 1001 going away); resolves once all are closed or ended. */
  async closeAll(code: number, reason: string): Promise<void> {
    const closed = [...this.allClients()].map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.ws.readyState === client.ws.CLOSED) return resolve();
          client.ws.once('close', () => resolve());
          client.close(code, reason, this.options.closeGraceMs);
        }),
    );
    await Promise.all(closed);
  }

  private *allClients(): Generator<FeedClient> {
    for (const group of this.groups.values()) yield* group.clients;
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    // From now on a new client is greeted with these node_status frames, having missed them live.
    for (const [key, notification] of this.pendingNodeStatuses)
      this.nodeStatuses.set(key, notification.frame);
    this.pendingNodeStatuses = [];
    const started = performance.now();
    for (const group of this.groups.values()) {
      const types = group.types;
      const frames = types === undefined ? batch : batch.filter((n) => types.has(n.type));
      if (frames.length === 0) continue;
      const buffer =
        frames.length === 1 ? frames[0]!.frame : Buffer.concat(frames.map((n) => n.frame));
      let taken = 0;
      for (const client of group.clients) if (client.deliver(buffer, frames.length)) taken++;
      this.delivered += frames.length * taken;
    }
    this.flushObserver((performance.now() - started) / 1000);
  };
}
