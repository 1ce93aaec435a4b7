import { p2pEventsTopic, type kafkamessage } from '@teranode-p2p/contracts';
import { BadRecordError } from './bad-record-error.js';
import { decodeRecord } from './decode-record.js';
import { requiredHash, requiredPeerId } from './record-fields.js';

/** A block or subtree announcement, as the record Teranode's validation services consume. */
export interface AnnouncementRecord {
  kind: 'block' | 'subtree';
  /** Lower-case display hex. */
  hash: string;
  /**
   * The gossip author that announced it (design §5.1: the signed pubsub author, not the
   * payload's claim): the record's peer_id, and who is scored if the hash turns out invalid.
   */
  announcer: string;
  /** The announcer's DataHub URL. */
  url: string;
  /**
   * The KafkaBlockTopicMessage or KafkaSubtreeTopicMessage (the same fields) for Teranode's
   * `blocks` or `subtrees` topic, whose contract encodes it.
   */
  message: kafkamessage.KafkaBlockTopicMessage;
}

export type P2PEventTranslation =
  | { kind: 'announcement'; announcement: AnnouncementRecord }
  /** Nothing to forward, but the peer's DataHub URL is worth remembering (node_status). */
  | { kind: 'peer-url'; peerId: string; url: string }
  | { kind: 'not-forwarded'; payload: string };

/**
 * What one `p2p.events` record means for Teranode's Kafka topics. Throws BadRecordError for a
 * record that is not a usable P2PEvent. `checkedPeers` (one set per batch, so it stays small)
 * holds sender IDs already found valid: a batch mostly comes from a few senders.
 */
export function translateP2PEvent(
  value: Buffer | null,
  checkedPeers?: Set<string>,
): P2PEventTranslation {
  const event = decodeRecord(p2pEventsTopic, value);
  const announcer = checkedPeers?.has(event.sender_peer_id)
    ? event.sender_peer_id
    : requiredPeerId(event.sender_peer_id, 'sender_peer_id');
  checkedPeers?.add(announcer);
  // A node's own announcement (sender = receiver: gossip-node's own node_status) is not a
  // peer's: Teranode forwards nothing of its own and never takes its own DataHub URL for a
  // peer's, which would charge the node itself for an invalid subtree fetched from it.
  if (event.receiver_peer_id === announcer) return { kind: 'not-forwarded', payload: 'own' };
  if (event.block) {
    const hash = requiredHash(event.block.hash, 'block.hash');
    return announcement('block', hash, announcer, event.block.data_hub_url);
  }
  // A low-reputation sender's subtree, node_status or rejected tx is for the WebSocket only
  // (gossip-node decided; reference-peer-registry.md §3.3). Block gossip is never filtered.
  if (event.skip_processing) return { kind: 'not-forwarded', payload: 'low_reputation' };
  if (event.subtree) {
    const hash = requiredHash(event.subtree.hash, 'subtree.hash');
    return announcement('subtree', hash, announcer, event.subtree.data_hub_url);
  }
  if (event.node_status) {
    return event.node_status.base_url === ''
      ? { kind: 'not-forwarded', payload: 'node_status' }
      : { kind: 'peer-url', peerId: announcer, url: event.node_status.base_url };
  }
  if (event.mining_on) return { kind: 'not-forwarded', payload: 'mining_on' };
  if (event.rejected_tx) return { kind: 'not-forwarded', payload: 'rejected_tx' };
  throw new BadRecordError('P2PEvent has no payload');
}

function announcement(
  kind: 'block' | 'subtree',
  hash: string,
  announcer: string,
  url: string,
): P2PEventTranslation {
  // hash is already normalised: 64 lower-case hex digits in display order, as the contract
  // of blocks and subtrees wants it for the key.
  const message = { hash, URL: url, peer_id: announcer };
  return { kind: 'announcement', announcement: { kind, hash, announcer, url, message } };
}
