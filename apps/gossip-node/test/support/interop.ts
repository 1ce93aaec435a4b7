import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import type { gossip_node } from '@teranode-p2p/contracts';
import { waitFor } from '@teranode-p2p/testing';
import type { CollectedEvent, P2pEventCollector } from './p2p-event-collector.js';
import type { GoEvent, GoPeer } from './go-peer.js';
import { nodeStatusPair, type NodeStatusShape } from './node-status-fixture.js';

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

type GoFields = Record<string, unknown>;

/**
 * The Go peer publishing to our node `receiver`: each call publishes a payload of one kind (Go
 * field names, for a fresh hash) until `receiver` emits it as a P2PEvent, and returns that.
 */
export function goPublisher(go: GoPeer, collector: P2pEventCollector, receiver: string) {
  const untilEmitted = (
    kind: string,
    hashOf: (event: CollectedEvent['event']) => string | undefined,
    fields: (hash: string) => GoFields,
  ) =>
    publishUntilArrived(
      `a Go ${kind} at ${receiver}`,
      (hash) => go.publish(kind, fields(hash)),
      (hash) => eventsAt(collector, receiver, (e) => hashOf(e.event) === hash)[0],
    );
  return {
    block: (fields: GoFields) =>
      untilEmitted(
        'block',
        (e) => e.block?.hash,
        (hash) => ({ Hash: hash, ...fields }),
      ),
    miningOn: (fields: GoFields) =>
      untilEmitted(
        'mining_on',
        (e) => e.mining_on?.hash,
        (hash) => ({ Hash: hash, ...fields }),
      ),
    subtree: (dataHubUrl: string) =>
      untilEmitted(
        'subtree',
        (e) => e.subtree?.hash,
        (hash) => ({ Hash: hash, DataHubURL: dataHubUrl, PeerID: go.peerId }),
      ),
    rejectedTx: (reason: string) =>
      untilEmitted(
        'rejected_tx',
        (e) => e.rejected_tx?.tx_id,
        (txid) => ({ TxID: txid, Reason: reason, PeerID: go.peerId }),
      ),
    /** A node_status with every field of `shape`, which the event must carry. */
    async nodeStatus(shape: NodeStatusShape): Promise<void> {
      const status = await untilEmitted(
        'node_status',
        (e) => e.node_status?.best_block_hash,
        (hash) => nodeStatusPair(hash, go.peerId, receiver, shape).go,
      );
      const hash = status.event.node_status!.best_block_hash;
      expect(status.event).toMatchObject({
        sender_peer_id: go.peerId,
        topic: `${REGTEST}-node_status`,
        node_status: nodeStatusPair(hash, go.peerId, receiver, shape).event,
      });
    },
  };
}

type Announcement<K extends keyof gossip_node.PublishRequest> = Omit<
  NonNullable<gossip_node.PublishRequest[K]>,
  'hash'
>;

/**
 * Our node publishing to the Go peer through `publish` (GossipNode.Publish): each call publishes
 * a fresh announcement until the Go peer receives it, and returns the Go peer's message.
 */
export function ourPublisher(
  go: GoPeer,
  publish: (request: gossip_node.PublishRequest) => Promise<unknown>,
) {
  const untilArrived = (
    what: string,
    kind: string,
    hashField: string,
    request: (hash: string) => gossip_node.PublishRequest,
  ) =>
    publishUntilArrived(
      `our ${what} at the Go peer`,
      (hash) => publish(request(hash)),
      (hash) => goMessages(go, kind, (p) => p[hashField] === hash)[0],
    );
  return {
    block: (fields: Announcement<'block'>) =>
      untilArrived('block', 'block', 'Hash', (hash) => ({ block: { hash, ...fields } })),
    miningOn: (fields: Announcement<'mining_on'>) =>
      untilArrived('mining-on', 'mining_on', 'Hash', (hash) => ({
        mining_on: { hash, ...fields },
      })),
    subtree: (dataHubUrl: string) =>
      untilArrived('subtree', 'subtree', 'Hash', (hash) => ({
        subtree: { hash, data_hub_url: dataHubUrl, peer_id: '' },
      })),
    rejectedTx: (reason: string) =>
      untilArrived('rejected tx', 'rejected_tx', 'TxID', (txid) => ({
        rejected_tx: { tx_id: txid, reason, peer_id: '' },
      })),
  };
}
