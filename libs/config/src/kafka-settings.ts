import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import {
  brokerKind,
  durationKind,
  enumKind,
  listKind,
  MAX_TIMER_MS,
  positiveIntKind,
  stringKind,
} from './setting-kinds.js';

/** Kafka's own rule for topic names (and a fine rule for client IDs). */
const kafkaNameKind = stringKind({
  type: 'kafka name',
  pattern: /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/,
  maxLength: 249,
  expected: "a Kafka name of at most 249 letters, digits, '.', '_' or '-' (not . or ..)",
});

function topic(name: string, meaning: string) {
  return setting({ kind: kafkaNameKind, default: name, meaning });
}

/** Brokers, client ID and topic names: Teranode's topics and our own. */
export const kafkaSettings = declareSettings('kafka', {
  KAFKA_BROKERS: optionalSetting({
    kind: listKind(brokerKind()),
    unset: 'an in-process bus replaces Kafka (only services in the same process see each other)',
    meaning: 'Kafka bootstrap brokers as host:port entries.',
  }),
  KAFKA_CLIENT_ID: setting({
    kind: kafkaNameKind,
    default: 'teranode-p2p',
    meaning: 'Kafka client ID prefix; each service appends its own name.',
  }),
  KAFKA_BLOCKS: topic(
    'blocks',
    'Teranode topic kafka-bridge produces announced blocks to (KafkaBlockTopicMessage).',
  ),
  KAFKA_SUBTREES: topic(
    'subtrees',
    'Teranode topic kafka-bridge produces announced subtrees to (KafkaSubtreeTopicMessage).',
  ),
  kafka_announcement_key: setting({
    kind: enumKind(['hash-hex', 'hash-bytes'] as const),
    default: 'hash-hex',
    meaning:
      "How kafka-bridge keys the blocks and subtrees records: hash-hex (the hash's display hex as text, as Teranode has since 2025-11) or hash-bytes (the 32 hash bytes in internal order, as Teranode v0.11 did); the key only chooses the partition, and gossip-node's catch-up trigger is always keyed hash-hex as in Teranode.",
  }),
  KAFKA_REJECTEDTX: topic(
    'rejectedtx',
    'Teranode topic of rejected transactions that kafka-bridge gossips.',
  ),
  KAFKA_INVALID_BLOCKS: topic(
    'invalid-blocks',
    'Teranode topic of invalid blocks; their announcers get ban score.',
  ),
  KAFKA_INVALID_SUBTREES: topic(
    'invalid-subtrees',
    'Teranode topic of invalid subtrees; their announcers get ban score.',
  ),
  KAFKA_P2P_EVENTS: topic('p2p.events', 'Every accepted inbound gossip message, as a P2PEvent.'),
  KAFKA_BAN_EVENTS: topic('p2p.ban-events', 'Every ban state change, as a BanEvent.'),
  KAFKA_DLQ: topic('p2p.dlq', 'Records that could not be processed, with the reason.'),
  kafka_stall_timeout: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 30_000,
    meaning:
      'A Kafka producer or consumer of the product that has work waiting and makes no progress for this long makes /health/readiness answer 503, naming it with what waits and its last error.',
  }),
  kafka_bridge_group_id: setting({
    kind: kafkaNameKind,
    default: 'kafka-bridge',
    meaning:
      'Consumer group kafka-bridge replicas share for p2p.events, rejectedtx, invalid-blocks and invalid-subtrees.',
  }),
  kafka_bridge_partitions_concurrently: setting({
    kind: positiveIntKind(64),
    default: 4,
    meaning:
      'Partitions kafka-bridge handles at the same time, so one slow partition does not stall the others.',
  }),
  kafka_bridge_retry_attempts: setting({
    kind: positiveIntKind(1000),
    default: 8,
    meaning:
      'Attempts kafka-bridge makes for a record whose gRPC call fails transiently before it goes to the dead-letter topic.',
  }),
  kafka_bridge_retry_backoff: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 200,
    meaning: 'First wait between two attempts; it doubles after each failed attempt.',
  }),
  kafka_bridge_retry_max_backoff: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 10_000,
    meaning: 'Longest wait between two attempts.',
  }),
  kafka_bridge_grpc_timeout: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 5_000,
    meaning:
      'Deadline of each gRPC call kafka-bridge makes (ban-service, gossip-node, blockchain), its retries (grpc_max_retries) included.',
  }),
});
