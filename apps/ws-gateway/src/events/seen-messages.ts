import { BoundedTtlMap } from '@teranode-p2p/bounded-collections';
import type { p2p_events } from '@teranode-p2p/contracts';
import { collectedGauge } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { gossipMessageId } from './gossip-message-id.js';

/**
 * Copies of one gossip message reach our nodes within gossipsub's propagation time (a hop or
 * two, plus a heartbeat or two of 1 s when a node asks for a message it was only told of);
 * half a minute covers that with room to spare.
 */
export const SEEN_MESSAGE_WINDOW_MS = 30_000;
/** About 10 s of a very busy network (1,000 messages/s); ≈ 2 MB of IDs. */
export const SEEN_MESSAGES_MAX = 10_000;

export interface SeenMessagesOptions {
  /** Most messages remembered; past it the one seen longest ago is forgotten. */
  maxMessages: number;
  /** How long a message is remembered after it was first shown. */
  windowMs: number;
  now?: () => number;
}

/**
 * Remembers the gossip messages the feed has shown, and which of our gossip nodes received
 * each, for a short window, so that the copies other nodes of ours received are not shown
 * again: each announcement reaches the clients once, whichever of our nodes received it
 * first. The same message from the same node again is a new publication of the same content
 * (a node's gossipsub delivers one message once) and is shown. Bounded in count and time; its
 * size and what it forgot early are metrics.
 */
export class SeenMessages {
  /** Message ID → the node of ours that received it first. */
  private readonly seen: BoundedTtlMap<string, string>;

  constructor(options: SeenMessagesOptions, registry: Registry) {
    const seen = (this.seen = new BoundedTtlMap({
      maxSize: options.maxMessages,
      ttlMs: options.windowMs,
      now: options.now,
    }));
    collectedGauge(registry, () => seen.size, {
      name: 'ws_gateway_seen_messages',
      help: `Gossip messages remembered to drop the copies other gossip nodes of ours received (bound ${options.maxMessages}, ${options.windowMs / 1000} s each).`,
    });
    new Counter({
      name: 'ws_gateway_seen_messages_evicted_total',
      help: 'Gossip messages forgotten before their window ended because the bound was reached.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(seen.stats().evictedForSize);
      },
    });
  }

  /** False for a copy of a message another node of ours received within the window. */
  firstSighting(event: p2p_events.P2PEvent): boolean {
    this.seen.sweep();
    const id = gossipMessageId(event);
    const firstReceiver = this.seen.get(id);
    if (firstReceiver !== undefined && firstReceiver !== event.receiver_peer_id) return false;
    this.seen.set(id, event.receiver_peer_id);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
