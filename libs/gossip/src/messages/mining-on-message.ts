import { goString, goUint32, goUint64 } from '../json/go-fields.js';
import { field, GoStruct, type StructValue } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';

/** go-p2p `MiningOnMessage` (no json tags, legacy networks): reference-service.md §2.9. */
const spec = {
  hash: field('Hash', goString),
  previousHash: field('PreviousHash', goString),
  dataHubUrl: field('DataHubURL', goString),
  peerId: field('PeerID', goString),
  height: field('Height', goUint32),
  miner: field('Miner', goString),
  sizeInBytes: field('SizeInBytes', goUint64),
  txCount: field('TxCount', goUint64),
};

export type MiningOnMessage = StructValue<typeof spec>;
export const miningOnMessageCodec = new GossipCodec(new GoStruct('MiningOnMessage', spec));
