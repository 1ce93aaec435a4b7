import { goString, goUint32 } from '../json/go-fields.js';
import { field, GoStruct, type StructValue } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';

/** go-p2p `BlockMessage` (no json tags): reference-service.md §2.4. */
const spec = {
  hash: field('Hash', goString),
  height: field('Height', goUint32),
  dataHubUrl: field('DataHubURL', goString),
  peerId: field('PeerID', goString),
  header: field('Header', goString),
  coinbase: field('Coinbase', goString),
};

export type BlockMessage = StructValue<typeof spec>;
export const blockMessageCodec = new GossipCodec(new GoStruct('BlockMessage', spec));
