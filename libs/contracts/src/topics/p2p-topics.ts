import { BanEvent, P2PEvent } from '../generated/p2p_events.js';
import { protobufTopic } from './topic-contract.js';

/**
 * The key of a P2PEvent: the announced hash (block, subtree, mining-on) or transaction ID
 * (rejected tx) as the lower-case hex text gossip-node normalised it to, else the sender's peer
 * ID (node_status), as UTF-8. Every copy of one announcement lands on one partition.
 */
function p2pEventKey(event: P2PEvent): Buffer {
  const id =
    event.block?.hash ??
    event.subtree?.hash ??
    event.mining_on?.hash ??
    event.rejected_tx?.tx_id ??
    event.sender_peer_id;
  return Buffer.from(id, 'utf8');
}

/** `p2p.events`: every accepted inbound gossip message (gossip-node → ws-gateway, kafka-bridge). */
export const p2pEventsTopic = protobufTopic({
  setting: 'KAFKA_P2P_EVENTS',
  holds: 'P2PEvent',
  codec: P2PEvent,
  key: p2pEventKey,
});

/**
 * `p2p.ban-events`: every ban state change (ban-service → every gossip-node), keyed by the
 * banned value (IP, CIDR or peer ID) as UTF-8, so the changes of one entry stay in order.
 */
export const banEventsTopic = protobufTopic({
  setting: 'KAFKA_BAN_EVENTS',
  holds: 'BanEvent',
  codec: BanEvent,
  key: (event) => Buffer.from(event.value, 'utf8'),
});
