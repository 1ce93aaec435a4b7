import { base58Encode } from './base58.js';

// identity multihash (0x00, length 36) of the protobuf PublicKey {Type: Ed25519 (1), Data: 32 bytes}
const ED25519_PEER_ID_PREFIX = Uint8Array.from([0x00, 0x24, 0x08, 0x01, 0x12, 0x20]);

/** The peer ID's multihash bytes for an Ed25519 public key. */
export function ed25519PeerIdBytes(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32)
    throw new Error(`an Ed25519 public key has 32 bytes, got ${publicKey.length}`);
  const bytes = new Uint8Array(ED25519_PEER_ID_PREFIX.length + 32);
  bytes.set(ED25519_PEER_ID_PREFIX);
  bytes.set(publicKey, ED25519_PEER_ID_PREFIX.length);
  return bytes;
}

/** The `12D3KooW…` peer ID of an Ed25519 public key. */
export function ed25519PeerId(publicKey: Uint8Array): string {
  return base58Encode(ed25519PeerIdBytes(publicKey));
}
