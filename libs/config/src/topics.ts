import type { Network } from './node-settings.js';
import type { Settings } from './settings-schema.js';

/**
 * Gossip topic names: `teranode/bitcoin/1.0.0/<network>-<name>` (go-chaincfg's TopicPrefix,
 * reference-wire.md §4.2).
 */

export function gossipTopicPrefix(network: Network): string {
  return `teranode/bitcoin/1.0.0/${network}`;
}

export function gossipTopicName(network: Network, name: string): string {
  return `${gossipTopicPrefix(network)}-${name}`;
}

export type GossipTopicSettings = Pick<
  Settings,
  | 'network'
  | 'p2p_block_topic'
  | 'p2p_subtree_topic'
  | 'p2p_rejected_tx_topic'
  | 'p2p_node_status_topic'
  | 'p2p_handshake_topic'
  | 'p2p_mining_on_topic'
  | 'p2p_node_status_enabled'
  | 'p2p_handshake_enabled'
  | 'p2p_mining_on_enabled'
>;

export interface GossipTopics {
  readonly block: string;
  readonly subtree: string;
  readonly rejectedTx: string;
  readonly nodeStatus: string;
  readonly handshake: string;
  readonly miningOn: string;
}

/** The full name of every gossip topic, joined or not. */
export function gossipTopics(settings: GossipTopicSettings): GossipTopics {
  const topic = (name: string) => gossipTopicName(settings.network, name);
  return Object.freeze({
    block: topic(settings.p2p_block_topic),
    subtree: topic(settings.p2p_subtree_topic),
    rejectedTx: topic(settings.p2p_rejected_tx_topic),
    nodeStatus: topic(settings.p2p_node_status_topic),
    handshake: topic(settings.p2p_handshake_topic),
    miningOn: topic(settings.p2p_mining_on_topic),
  });
}

/**
 * The topics the node joins, in Teranode's order (block, subtree, node_status, rejected_tx),
 * then the legacy ones that are enabled.
 */
export function joinedGossipTopics(settings: GossipTopicSettings): readonly string[] {
  const topics = gossipTopics(settings);
  return Object.freeze([
    topics.block,
    topics.subtree,
    ...(settings.p2p_node_status_enabled ? [topics.nodeStatus] : []),
    topics.rejectedTx,
    ...(settings.p2p_handshake_enabled ? [topics.handshake] : []),
    ...(settings.p2p_mining_on_enabled ? [topics.miningOn] : []),
  ]);
}
