import { ChaCha20Poly1305, newInstance } from '@chainsafe/as-chacha20poly1305';
import type { Uint8ArrayList } from 'uint8arraylist';

/**
 * Noise frames below this many bytes are sealed and opened with the WebAssembly
 * ChaCha20-Poly1305; larger ones with Node's (OpenSSL). @libp2p/noise switches at 1,200 bytes,
 * but on Node 24 every OpenSSL cipher context costs ~50 µs to create here, so the WebAssembly
 * one stays faster up to 4–5 KB (`bench/gossip-node/noise-cipher.mjs` prints both per size).
 * A block announcement with its header and coinbase is 1.3–2 KB on the wire.
 */
export const NATIVE_CIPHER_FROM_BYTES = 4096;

type Bytes = Uint8Array | Uint8ArrayList;
type Seal = (plaintext: Bytes, nonce: Uint8Array, ad: Uint8Array, key: Uint8Array) => Bytes;
type Open = (
  ciphertext: Bytes,
  nonce: Uint8Array,
  ad: Uint8Array,
  key: Uint8Array,
  dst?: Uint8Array,
) => Bytes;

/** The cipher half of @libp2p/noise's crypto object (`Noise.crypto`, after wrapCrypto). */
export interface NoiseFrameCipher {
  encrypt: Seal;
  decrypt: Open;
}

const wasm = new ChaCha20Poly1305(newInstance());

/** `upstream` with frames below NATIVE_CIPHER_FROM_BYTES sealed and opened in WebAssembly. */
export function smallFramesInWasm(upstream: NoiseFrameCipher): NoiseFrameCipher {
  const encrypt = upstream.encrypt;
  const decrypt = upstream.decrypt;
  return {
    encrypt: (plaintext, nonce, ad, key) =>
      plaintext.byteLength < NATIVE_CIPHER_FROM_BYTES
        ? wasm.seal(key, nonce, plaintext.subarray(), ad)
        : encrypt(plaintext, nonce, ad, key),
    decrypt: (ciphertext, nonce, ad, key, dst) => {
      if (ciphertext.byteLength >= NATIVE_CIPHER_FROM_BYTES)
        return decrypt(ciphertext, nonce, ad, key, dst);
      const plaintext = wasm.open(key, nonce, ciphertext.subarray(), ad, dst);
      if (!plaintext) throw new Error('Invalid chacha20poly1305 decryption');
      return plaintext;
    },
  };
}

/** Points a Noise encrypter's frame cipher at smallFramesInWasm (no-op if it has none). */
export function useWasmForSmallFrames(encrypter: object): void {
  const crypto = (encrypter as { crypto?: Partial<NoiseFrameCipher> }).crypto;
  if (typeof crypto?.encrypt !== 'function' || typeof crypto.decrypt !== 'function') return;
  Object.assign(crypto, smallFramesInWasm(crypto as NoiseFrameCipher));
}
