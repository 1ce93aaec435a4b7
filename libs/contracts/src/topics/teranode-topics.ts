import {
  KafkaBlockTopicMessage,
  KafkaInvalidBlockTopicMessage,
  KafkaInvalidSubtreeTopicMessage,
  KafkaRejectedTxTopicMessage,
  KafkaSubtreeTopicMessage,
} from '../generated/kafka_messages.js';
import { encodeStringFields } from './string-fields-encoding.js';
import {
  protobufTopic,
  type ProtobufCodec,
  type ProtobufTopicContract,
  type TopicSetting,
} from './topic-contract.js';

const DISPLAY_HASH = /^[0-9a-f]{64}$/;

/**
 * Teranode keys block and subtree records by the 32 raw hash bytes in internal byte order
 * (the reverse of the display hex), teranode-contracts.md.
 */
function internalOrderHash(hash: string): Buffer {
  if (!DISPLAY_HASH.test(hash))
    throw new RangeError(`hash "${hash.slice(0, 80)}" is not 64 lower-case hex digits`);
  return Buffer.from(hash, 'hex').reverse();
}

/**
 * Announced blocks or subtrees for Teranode's validation (kafka-bridge → Teranode):
 * `{ hash = 1; URL = 2; peer_id = 3 }`, written once per forwarded announcement by the fast
 * writer, keyed by the hash in internal byte order.
 */
function announcementTopic<S extends TopicSetting, T extends KafkaBlockTopicMessage>(
  setting: S,
  holds: string,
  codec: ProtobufCodec<T>,
): ProtobufTopicContract<T, S> {
  return protobufTopic({
    setting,
    holds,
    codec,
    key: (message) => internalOrderHash(message.hash),
    encode: (message) => encodeStringFields([message.hash, message.URL, message.peer_id]),
  });
}

/**
 * What Teranode reports to us (Teranode → kafka-bridge). Teranode produces these and chooses
 * their keys; we only read them, and the contract writes records without a key, as the tests
 * that stand in for Teranode do.
 */
function teranodeReportTopic<S extends TopicSetting, T>(
  setting: S,
  holds: string,
  codec: ProtobufCodec<T>,
): ProtobufTopicContract<T, S> {
  return protobufTopic({ setting, holds, codec, key: () => null });
}

/** `blocks`: announced blocks. */
export const blocksTopic = announcementTopic(
  'KAFKA_BLOCKS',
  'KafkaBlockTopicMessage',
  KafkaBlockTopicMessage,
);

/** `subtrees`: announced subtrees. */
export const subtreesTopic = announcementTopic(
  'KAFKA_SUBTREES',
  'KafkaSubtreeTopicMessage',
  KafkaSubtreeTopicMessage,
);

/** `rejectedtx`: transactions Teranode rejected. */
export const rejectedTxTopic = teranodeReportTopic(
  'KAFKA_REJECTEDTX',
  'KafkaRejectedTxTopicMessage',
  KafkaRejectedTxTopicMessage,
);

/** `invalid-blocks`: blocks Teranode found invalid. */
export const invalidBlocksTopic = teranodeReportTopic(
  'KAFKA_INVALID_BLOCKS',
  'KafkaInvalidBlockTopicMessage',
  KafkaInvalidBlockTopicMessage,
);

/** `invalid-subtrees`: subtrees Teranode found invalid. */
export const invalidSubtreesTopic = teranodeReportTopic(
  'KAFKA_INVALID_SUBTREES',
  'KafkaInvalidSubtreeTopicMessage',
  KafkaInvalidSubtreeTopicMessage,
);
