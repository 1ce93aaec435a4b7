import { goString } from '../json/go-fields.js';
import { field, GoStruct, type StructValue } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';

/** go-p2p `RejectedTxMessage` (no json tags): reference-service.md §2.7. */
const spec = {
  txId: field('TxID', goString),
  reason: field('Reason', goString),
  peerId: field('PeerID', goString),
};

export type RejectedTxMessage = StructValue<typeof spec>;
export const rejectedTxMessageCodec = new GossipCodec(new GoStruct('RejectedTxMessage', spec));
