import { createHash } from 'node:crypto';
import { p2p_events } from '@teranode-p2p/contracts';

/**
 * What makes two P2PEvents one gossip message: the same author, topic and payload. The
 * receiving node and the time it received the message are left out, so the copies several
 * gossip nodes of ours received (they share one p2p.events topic), a node's own node_status
 * next to a sibling node's copy of it, and a record the bus delivered twice get the same ID.
 */
export function gossipMessageId(event: p2p_events.P2PEvent): string {
  const message = p2p_events.P2PEvent.encode({
    ...event,
    receiver_peer_id: '',
    received_at_ms: '0',
  }).finish();
  return createHash('sha256').update(message).digest('base64');
}
