import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { waitFor } from '@teranode-p2p/testing';
import type { CollectedEvent, P2pEventCollector } from './p2p-event-collector.js';
import type { GoEvent, GoPeer } from './go-peer.js';

export const REGTEST = 'teranode/bitcoin/1.0.0/regtest';

export const freshHash = (): string => randomBytes(32).toString('hex');

/**
 * A gossip mesh forms a heartbeat or two after peers connect, so the first messages may find
 * nobody to send to. Publishes a fresh message (`publish(attempt)`) until one arrives
 * (`arrived(attempt)`), and returns what arrived.
 */
export async function publishUntilArrived<T>(
  what: string,
  publish: (attempt: string) => Promise<unknown>,
  arrived: (attempt: string) => T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const attempts: string[] = [];
  let lastPublish = 0;
  return waitFor(
    what,
    async () => {
      for (const attempt of attempts) {
        const found = arrived(attempt);
        if (found !== undefined) return found;
      }
      if (Date.now() - lastPublish > 1500) {
        const attempt = freshHash();
        attempts.push(attempt);
        lastPublish = Date.now();
        await publish(attempt);
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** The P2PEvents a node emitted for which `match` holds. */
export function eventsAt(
  collector: P2pEventCollector,
  receiver: string,
  match: (event: CollectedEvent) => boolean,
): CollectedEvent[] {
  return collector.events.filter((e) => e.event.receiver_peer_id === receiver && match(e));
}

/** The messages of one kind the Go peer received whose payload satisfies `match`. */
export function goMessages(
  go: GoPeer,
  kind: string,
  match: (payload: Record<string, unknown>) => boolean,
): GoEvent[] {
  return go.all(
    'message',
    (e) => e['kind'] === kind && e['payload'] !== undefined && match(e['payload'] as never),
  );
}

export { sleep };

/**
 * A GossipNode.Publish request for a block announcement (payload peer ID: the node's own; a
 * public DataHub URL, as our receiving node, like Teranode, rejects an empty or internal one).
 */
export const blockRequest = (hash: string, height: number, dataHubUrl = 'https://ts.example') => ({
  block: { hash, height, data_hub_url: dataHubUrl, peer_id: '', header: '', coinbase: '' },
});

/**
 * A triangle of our publishing node, our receiving node and the Go peer: publishes one block
 * at the publisher once the mesh to the receiver is warm, and returns how often it arrived at
 * each of them (Go relays it too, so the receiver gets two copies and must deliver one).
 */
export async function deliveriesOfOneBlock(
  collector: P2pEventCollector,
  go: GoPeer,
  publish: (hash: string) => Promise<unknown>,
  nodes: { publisher: string; receiver: string },
): Promise<{ publisher: number; receiver: number; go: number }> {
  const atNode = (node: string, hash: string) =>
    eventsAt(collector, node, (e) => e.event.block?.hash === hash).length;
  const atGo = (hash: string) => goMessages(go, 'block', (p) => p['Hash'] === hash).length;
  await publishUntilArrived('a warm-up block at the receiver', publish, (hash) =>
    atNode(nodes.receiver, hash) > 0 ? true : undefined,
  );
  const hash = freshHash();
  await publish(hash);
  await waitFor(
    'the counted block at the receiver and at the Go peer',
    () => atNode(nodes.receiver, hash) > 0 && atGo(hash) > 0,
    { timeoutMs: 15_000 },
  );
  await sleep(3000); // a second copy would have arrived by now
  return {
    publisher: atNode(nodes.publisher, hash),
    receiver: atNode(nodes.receiver, hash),
    go: atGo(hash),
  };
}

/**
 * The Go peer publishes a `kind` payload (Go field names, for a fresh hash) until `receiver`
 * emits it as a P2PEvent; `hashOf` reads the hash back out of an event.
 */
export function goPublishesUntilEmitted(
  go: GoPeer,
  collector: P2pEventCollector,
  receiver: string,
  kind: string,
  fields: (hash: string) => Record<string, unknown>,
  hashOf: (event: CollectedEvent['event']) => string | undefined,
): Promise<CollectedEvent> {
  return publishUntilArrived(
    `a Go ${kind} at ${receiver}`,
    (hash) => go.publish(kind, fields(hash)),
    (hash) => eventsAt(collector, receiver, (e) => hashOf(e.event) === hash)[0],
  );
}
