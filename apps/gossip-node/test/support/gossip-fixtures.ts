import { blockMessageCodec, sealPayload, type BlockMessage } from '@teranode-p2p/gossip';
import type { Libp2pHost } from '../../src/host/create-libp2p-host.js';

/** A DataHub URL the node accepts without p2p_allow_private_ips (a public host name). */
export const PUBLIC_HUB = 'https://hub.example/api/v1';

/**
 * A block announcement as a Teranode peer sends it from `author`: its own peer ID as PeerID and
 * a public DataHub URL (each overridable by `fields`), in the v0.11 envelope.
 */
export function blockGossip(
  author: Libp2pHost,
  fields: Partial<BlockMessage>,
  name = 'test',
): Uint8Array {
  const block = blockMessageCodec.create({
    dataHubUrl: PUBLIC_HUB,
    peerId: author.peerId.toString(),
    ...fields,
  });
  return sealPayload(blockMessageCodec.encode(block), { envelope: true, name });
}
