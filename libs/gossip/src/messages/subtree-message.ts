import { goString } from '../json/go-fields.js';
import { field, GoStruct, type StructValue } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';

/** go-p2p `SubtreeMessage` (no json tags): reference-service.md §2.5. */
const spec = {
  hash: field('Hash', goString),
  dataHubUrl: field('DataHubURL', goString),
  peerId: field('PeerID', goString),
};

export type SubtreeMessage = StructValue<typeof spec>;
export const subtreeMessageCodec = new GossipCodec(new GoStruct('SubtreeMessage', spec));
