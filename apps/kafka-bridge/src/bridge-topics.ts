import {
  blocksTopicKeyedBy,
  deadLetterTopic,
  invalidBlocksTopic,
  invalidSubtreesTopic,
  p2pEventsTopic,
  rejectedTxTopic,
  subtreesTopicKeyedBy,
  type AnnouncementKey,
  type DeadLetter,
  type kafkamessage,
  type p2p_events,
} from '@teranode-p2p/contracts';
import { Topic, type TopicNames } from '@teranode-p2p/kafka';

/** Every topic kafka-bridge consumes or produces: its contract with the name from the settings. */
export interface BridgeTopics {
  readonly p2pEvents: Topic<p2p_events.P2PEvent>;
  readonly rejectedTx: Topic<kafkamessage.KafkaRejectedTxTopicMessage>;
  readonly invalidBlocks: Topic<kafkamessage.KafkaInvalidBlockTopicMessage>;
  readonly invalidSubtrees: Topic<kafkamessage.KafkaInvalidSubtreeTopicMessage>;
  readonly blocks: Topic<kafkamessage.KafkaBlockTopicMessage>;
  readonly subtrees: Topic<kafkamessage.KafkaSubtreeTopicMessage>;
  readonly deadLetters: Topic<DeadLetter>;
}

export function bridgeTopics(
  settings: TopicNames & { readonly kafka_announcement_key: AnnouncementKey },
): BridgeTopics {
  const key = settings.kafka_announcement_key;
  return Object.freeze({
    p2pEvents: Topic.of(p2pEventsTopic, settings),
    rejectedTx: Topic.of(rejectedTxTopic, settings),
    invalidBlocks: Topic.of(invalidBlocksTopic, settings),
    invalidSubtrees: Topic.of(invalidSubtreesTopic, settings),
    blocks: Topic.of(blocksTopicKeyedBy(key), settings),
    subtrees: Topic.of(subtreesTopicKeyedBy(key), settings),
    deadLetters: Topic.of(deadLetterTopic, settings),
  });
}
