import { gossipTopics, joinedGossipTopics, type Settings } from '@teranode-p2p/config';
import type { GossipKind } from '@teranode-p2p/gossip';

export type GossipTopicMap = ReadonlyMap<string, GossipKind>;

/** The joined topics and what each carries. */
export function joinedTopicKinds(settings: Settings): GossipTopicMap {
  const topics = gossipTopics(settings);
  const kinds: Record<string, GossipKind> = {
    [topics.block]: 'block',
    [topics.subtree]: 'subtree',
    [topics.rejectedTx]: 'rejectedTx',
    [topics.nodeStatus]: 'nodeStatus',
    [topics.handshake]: 'handshake',
    [topics.miningOn]: 'miningOn',
  };
  return new Map(joinedGossipTopics(settings).map((topic) => [topic, kinds[topic]!]));
}

/** The full topic name of a kind. */
export function topicOf(settings: Settings, kind: GossipKind): string {
  return gossipTopics(settings)[kind];
}
