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
 * How block and subtree records are keyed (teranode-contracts.md, reference-peer-registry.md
 * §0.1): today's Teranode uses the display hex of the hash as text (since 2025-11); v0.11 and
 * earlier used the 32 raw hash bytes in internal byte order (the reverse of the display hex).
 * The key only chooses the partition.
 */
export type AnnouncementKey = 'hash-hex' | 'hash-bytes';

function checkedHash(hash: string): string {
  if (!DISPLAY_HASH.test(hash))
    throw new RangeError(`hash "${hash.slice(0, 80)}" is not 64 lower-case hex digits`);
  return hash;
}

const keyOf: Record<AnnouncementKey, (hash: string) => Buffer> = {
  'hash-hex': (hash) => Buffer.from(checkedHash(hash)),
  'hash-bytes': (hash) => Buffer.from(checkedHash(hash), 'hex').reverse(),
};

/**
 * Announced blocks or subtrees for Teranode's validation (kafka-bridge → Teranode, and
 * gossip-node's catch-up trigger): `{ hash = 1; URL = 2; peer_id = 3 }`, written by the fast
 * writer, keyed by the hash as `key` says.
 */
function announcementTopic<S extends TopicSetting, T extends KafkaBlockTopicMessage>(
  setting: S,
  holds: string,
  codec: ProtobufCodec<T>,
  key: AnnouncementKey,
): ProtobufTopicContract<T, S> {
  return protobufTopic({
    setting,
    holds,
    codec,
    key: (message) => keyOf[key](message.hash),
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

/** `blocks`: announced blocks, keyed as `key` says. */
export const blocksTopicKeyedBy = (key: AnnouncementKey) =>
  announcementTopic('KAFKA_BLOCKS', 'KafkaBlockTopicMessage', KafkaBlockTopicMessage, key);

/** `subtrees`: announced subtrees, keyed as `key` says. */
export const subtreesTopicKeyedBy = (key: AnnouncementKey) =>
  announcementTopic('KAFKA_SUBTREES', 'KafkaSubtreeTopicMessage', KafkaSubtreeTopicMessage, key);

/** `blocks` as today's Teranode writes it (hash hex as the key). */
export const blocksTopic = blocksTopicKeyedBy('hash-hex');

/** `subtrees` as today's Teranode writes it (hash hex as the key). */
export const subtreesTopic = subtreesTopicKeyedBy('hash-hex');

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
