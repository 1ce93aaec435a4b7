import type { NodeStatusMessage } from '@teranode-p2p/gossip';
import type { OutgoingRecord } from '@teranode-p2p/kafka';
import type { P2pEventPublisher } from '../bus/p2p-event-publisher.js';
import { toP2pEventRecord } from '../gossip/to-p2p-event.js';
import type { OnStatusAnnounced } from './node-status-announcer.js';

/**
 * The P2PEvent of the node's own node_status as announced on `topic`: sent by the node to
 * itself (sender = receiver). Teranode shows its own status on its WebSocket feed and greets
 * every new client with it, peers or not (reference-service.md §2.6, §5); on the bus it
 * reaches every ws-gateway replica, and kafka-bridge knows it for the node's own.
 */
export function ownStatusEvent(
  status: NodeStatusMessage,
  peerId: string,
  topic: string,
  announcedAtMs: number,
): OutgoingRecord {
  return toP2pEventRecord(
    { kind: 'nodeStatus', message: status, hash: undefined },
    { senderPeerId: peerId, receiverPeerId: peerId, topic, receivedAtMs: announcedAtMs },
  )!;
}

/** Puts every node_status the node announces on the bus as its own P2PEvent. */
export function ownStatusToBus(
  events: Pick<P2pEventPublisher, 'enqueue'>,
  peerId: string,
): OnStatusAnnounced {
  return (status, topic) => {
    const now = Date.now();
    events.enqueue(ownStatusEvent(status, peerId, topic, now), now);
  };
}
