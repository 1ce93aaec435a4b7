import type { Duplex } from 'node:stream';
import type { FilterableType } from '@teranode-p2p/notifications';
import type { WebSocket } from 'ws';

export interface SendQueueLimits {
  maxMessages: number;
  maxBytes: number;
}

/**
 * One connected client. Frames go straight to its socket while the socket takes them; once the
 * socket is full, they wait in a queue bounded by messages and bytes, flushed on 'drain'. A
 * client whose queue would overflow is reported to `onOverflow` and gets nothing more.
 */
export class FeedClient {
  /** Frames waiting for the socket to drain (each Buffer may hold several notifications). */
  private queue: Buffer[] = [];
  queuedMessages = 0;
  queuedBytes = 0;
  /** Cleared by each protocol ping, set by the pong: still false at the next ping = dead. */
  alive = true;
  private closing = false;
  private waitingForDrain = false;

  constructor(
    readonly ws: WebSocket,
    private readonly socket: Duplex,
    readonly types: ReadonlySet<FilterableType> | undefined,
    private readonly limits: SendQueueLimits,
    private readonly onOverflow: (client: FeedClient) => void,
  ) {}

  get isClosing(): boolean {
    return this.closing;
  }

  /**
   * Sends `frames`, complete WebSocket frames holding `count` notifications. Returns false when
   * they were not taken (the client is closing, or its queue overflowed).
   */
  deliver(frames: Buffer, count: number): boolean {
    if (this.closing || this.socket.destroyed) return false;
    if (!this.waitingForDrain) {
      if (!this.socket.write(frames)) this.waitForDrain();
      return true;
    }
    if (
      this.queuedMessages + count > this.limits.maxMessages ||
      this.queuedBytes + frames.length > this.limits.maxBytes
    ) {
      this.onOverflow(this);
      return false;
    }
    this.queue.push(frames);
    this.queuedMessages += count;
    this.queuedBytes += frames.length;
    return true;
  }

  /** Sends a close frame after what is already on the socket; ends the socket after `graceMs`. */
  close(code: number, reason: string, graceMs: number): void {
    if (this.closing) return;
    this.closing = true;
    this.dropQueue();
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), graceMs).unref();
  }

  /** Ends the connection at once, without a close handshake. */
  terminate(): void {
    this.closing = true;
    this.dropQueue();
    this.ws.terminate();
  }

  private waitForDrain(): void {
    this.waitingForDrain = true;
    this.socket.once('drain', this.flushQueue);
  }

  private readonly flushQueue = (): void => {
    if (this.closing || this.socket.destroyed) return;
    const frames = this.queue;
    this.dropQueue();
    this.waitingForDrain = false;
    if (frames.length === 0) return;
    // One writev of the queued buffers, shared with the other clients, without copying them.
    this.socket.cork();
    let accepted = true;
    for (const buffer of frames) accepted = this.socket.write(buffer);
    this.socket.uncork();
    if (!accepted) this.waitForDrain();
  };

  private dropQueue(): void {
    this.queue = [];
    this.queuedMessages = 0;
    this.queuedBytes = 0;
  }
}
