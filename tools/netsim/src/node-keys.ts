import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';

export interface NodeKey {
  /** Teranode's hex form (64 bytes: seed ‖ public key), what both implementations read. */
  hex: string;
  peerId: string;
}

/** A fresh Ed25519 key per node: netsim knows every peer ID before any node starts. */
export async function newNodeKey(): Promise<NodeKey> {
  const key = await generateKeyPair('Ed25519');
  return {
    hex: Buffer.from(key.raw).toString('hex'),
    peerId: peerIdFromPrivateKey(key).toString(),
  };
}
