import { invalidBlocksTopic, invalidSubtreesTopic, rejectedTxTopic } from '@teranode-p2p/contracts';
import { decodeRecord } from './decode-record.js';
import { requiredHash } from './record-fields.js';

export interface InvalidBlock {
  hash: string;
  reason: string;
}

export interface InvalidSubtree {
  hash: string;
  /** DataHub URL of the peer the subtree came from; '' when unknown. */
  peerUrl: string;
  reason: string;
}

export interface RejectedTx {
  txHash: string;
  reason: string;
  /** '' when this node rejected the transaction itself. */
  peerId: string;
}

/** A record of `invalid-blocks`, or BadRecordError. */
export function decodeInvalidBlock(value: Buffer | null): InvalidBlock {
  const m = decodeRecord(invalidBlocksTopic, value);
  return { hash: requiredHash(m.blockHash, 'blockHash'), reason: m.reason };
}

/** A record of `invalid-subtrees`, or BadRecordError. */
export function decodeInvalidSubtree(value: Buffer | null): InvalidSubtree {
  const m = decodeRecord(invalidSubtreesTopic, value);
  return { hash: requiredHash(m.subtreeHash, 'subtreeHash'), peerUrl: m.peerUrl, reason: m.reason };
}

/** A record of `rejectedtx`, or BadRecordError. */
export function decodeRejectedTx(value: Buffer | null): RejectedTx {
  const m = decodeRecord(rejectedTxTopic, value);
  return { txHash: requiredHash(m.txHash, 'txHash'), reason: m.reason, peerId: m.peer_id };
}
