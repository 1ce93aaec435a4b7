import { goString, goUint32, goUint64 } from '../json/go-fields.js';
import { field, GoStruct, type StructValue } from '../json/go-struct.js';
import { GossipCodec } from '../json/gossip-codec.js';

/** go-p2p `HandshakeMessage` (json tags, legacy networks): reference-service.md §2.9. */
const spec = {
  type: field('type', goString),
  peerId: field('peerID', goString),
  bestHeight: field('bestHeight', goUint32),
  bestHash: field('bestHash', goString),
  dataHubUrl: field('dataHubURL', goString),
  userAgent: field('userAgent', goString),
  services: field('services', goUint64),
  topicPrefix: field('topicPrefix', goString),
};

export type HandshakeMessage = StructValue<typeof spec>;
export const handshakeMessageCodec = new GossipCodec(new GoStruct('HandshakeMessage', spec));
