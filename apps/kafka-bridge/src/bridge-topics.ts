import type { Settings } from '@teranode-p2p/config';

/** Every topic kafka-bridge consumes or produces, from the settings. */
export function bridgeTopics(settings: Settings) {
  return Object.freeze({
    p2pEvents: settings.KAFKA_P2P_EVENTS,
    rejectedTx: settings.KAFKA_REJECTEDTX,
    invalidBlocks: settings.KAFKA_INVALID_BLOCKS,
    invalidSubtrees: settings.KAFKA_INVALID_SUBTREES,
    blocks: settings.KAFKA_BLOCKS,
    subtrees: settings.KAFKA_SUBTREES,
    deadLetters: settings.KAFKA_DLQ,
  });
}
