import {
  blocksTopic,
  deadLetterTopic,
  invalidBlocksTopic,
  invalidSubtreesTopic,
  p2pEventsTopic,
  rejectedTxTopic,
  subtreesTopic,
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

export function bridgeTopics(settings: TopicNames): BridgeTopics {
  return Object.freeze({
    p2pEvents: Topic.of(p2pEventsTopic, settings),
    rejectedTx: Topic.of(rejectedTxTopic, settings),
    invalidBlocks: Topic.of(invalidBlocksTopic, settings),
    invalidSubtrees: Topic.of(invalidSubtreesTopic, settings),
    blocks: Topic.of(blocksTopic, settings),
    subtrees: Topic.of(subtreesTopic, settings),
    deadLetters: Topic.of(deadLetterTopic, settings),
  });
}
