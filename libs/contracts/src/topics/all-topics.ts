import { deadLetterTopic } from './dead-letter-topic.js';
import { banEventsTopic, p2pEventsTopic } from './p2p-topics.js';
import {
  blocksTopic,
  invalidBlocksTopic,
  invalidSubtreesTopic,
  rejectedTxTopic,
  subtreesTopic,
} from './teranode-topics.js';
import type { TopicContract } from './topic-contract.js';

/** What every contract tells about its topic, whatever its messages. */
export type TopicDescription = Pick<
  TopicContract<unknown>,
  'setting' | 'holds' | 'partitions' | 'maxMessageBytes'
>;

/** Every topic the product produces or consumes, one contract each. */
export const topicContracts: readonly TopicDescription[] = Object.freeze([
  p2pEventsTopic,
  banEventsTopic,
  blocksTopic,
  subtreesTopic,
  rejectedTxTopic,
  invalidBlocksTopic,
  invalidSubtreesTopic,
  deadLetterTopic,
]);
