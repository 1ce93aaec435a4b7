/**
 * Teranode's identity key format (reference-wire.md §2.4): hex of the raw Ed25519 bytes,
 * 64 bytes (seed ‖ public key) or 96 bytes (seed ‖ public key ‖ public key again, what its
 * key generator writes). The peer ID comes from the stored public half.
 */
export class IdentityKeyError extends Error {}

export interface Ed25519KeyBytes {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  /** seed ‖ public key: what libp2p's privateKeyFromRaw takes. */
  readonly raw: Uint8Array;
}

export function parseEd25519KeyHex(hex: string): Ed25519KeyBytes {
  const text = hex.trim();
  if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2 !== 0)
    throw new IdentityKeyError('failed to decode key: not hexadecimal');
  const bytes = new Uint8Array(Buffer.from(text, 'hex'));
  if (bytes.length !== 64 && bytes.length !== 96)
    throw new IdentityKeyError(
      `failed to unmarshal key: expected 64 or 96 bytes, got ${bytes.length}`,
    );
  if (bytes.length === 96 && !Buffer.from(bytes.subarray(32, 64)).equals(bytes.subarray(64, 96)))
    throw new IdentityKeyError('failed to unmarshal key: the two public key copies differ');
  const raw = bytes.subarray(0, 64);
  return { seed: raw.subarray(0, 32), publicKey: raw.subarray(32, 64), raw };
}
