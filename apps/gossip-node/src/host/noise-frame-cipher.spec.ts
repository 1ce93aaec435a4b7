import { describe, expect, it } from '@jest/globals';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Uint8ArrayList } from 'uint8arraylist';
import {
  NATIVE_CIPHER_FROM_BYTES,
  smallFramesInWasm,
  useWasmForSmallFrames,
  type NoiseFrameCipher,
} from './noise-frame-cipher.js';

const key = randomBytes(32);
const nonce = randomBytes(12);
const ad = randomBytes(32);

function nodeSeal(plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(ad, { plaintextLength: plaintext.byteLength });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function nodeOpen(sealed: Uint8Array): Buffer {
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  decipher.setAAD(ad, { plaintextLength: sealed.byteLength - 16 });
  decipher.setAuthTag(sealed.subarray(sealed.byteLength - 16));
  return Buffer.concat([
    decipher.update(sealed.subarray(0, sealed.byteLength - 16)),
    decipher.final(),
  ]);
}

/** An upstream cipher (Node's) that counts what reaches it. */
function countingUpstream() {
  const calls = { encrypt: 0, decrypt: 0 };
  const upstream: NoiseFrameCipher = {
    encrypt: (plaintext) => (calls.encrypt++, nodeSeal(plaintext.subarray())),
    decrypt: (ciphertext) => (calls.decrypt++, nodeOpen(ciphertext.subarray())),
  };
  return { calls, cipher: smallFramesInWasm(upstream) };
}

describe('smallFramesInWasm', () => {
  it('seals and opens frames below the limit itself, standard ChaCha20-Poly1305 both ways', () => {
    const { calls, cipher } = countingUpstream();
    // The limit applies to the frame: plaintext on sealing, plaintext and tag on opening.
    for (const size of [0, 1, 100, 1200, 2000, NATIVE_CIPHER_FROM_BYTES - 17]) {
      const plaintext = randomBytes(size);
      const sealed = cipher.encrypt(plaintext, nonce, ad, key).subarray();
      expect(Buffer.from(sealed).equals(nodeSeal(plaintext))).toBe(true);
      expect(Buffer.from(cipher.decrypt(nodeSeal(plaintext), nonce, ad, key).subarray())).toEqual(
        plaintext,
      );
    }
    cipher.encrypt(randomBytes(NATIVE_CIPHER_FROM_BYTES - 1), nonce, ad, key);
    expect(calls).toEqual({ encrypt: 0, decrypt: 0 });
  });

  it('hands frames from the limit up to the upstream cipher', () => {
    const { calls, cipher } = countingUpstream();
    const plaintext = randomBytes(NATIVE_CIPHER_FROM_BYTES);
    const sealed = cipher.encrypt(plaintext, nonce, ad, key);
    expect(calls.encrypt).toBe(1);
    // A sealed frame of NATIVE_CIPHER_FROM_BYTES - 16 plaintext bytes is at the limit as well.
    cipher.decrypt(nodeSeal(randomBytes(NATIVE_CIPHER_FROM_BYTES - 16)), nonce, ad, key);
    expect(Buffer.from(cipher.decrypt(sealed, nonce, ad, key).subarray())).toEqual(plaintext);
    expect(calls.decrypt).toBe(2);
  });

  it('takes a frame in pieces and refuses a tampered or truncated one', () => {
    const { cipher } = countingUpstream();
    const plaintext = randomBytes(1500);
    const sealed = nodeSeal(plaintext);
    const pieces = new Uint8ArrayList(sealed.subarray(0, 700), sealed.subarray(700));
    expect(Buffer.from(cipher.decrypt(pieces, nonce, ad, key).subarray())).toEqual(plaintext);
    const tampered = Buffer.from(sealed);
    tampered[10]! ^= 1;
    expect(() => cipher.decrypt(tampered, nonce, ad, key)).toThrow(/decryption/);
    expect(() => cipher.decrypt(sealed.subarray(0, 20), nonce, ad, key)).toThrow(/decryption/);
    expect(() => cipher.decrypt(sealed, nonce, randomBytes(32), key)).toThrow(/decryption/);
  });
});

describe('useWasmForSmallFrames', () => {
  it("replaces a Noise encrypter's cipher and leaves an object without one alone", () => {
    const upstream = countingUpstream();
    const encrypter = { crypto: { ...upstream.cipher, hash: () => undefined } };
    const { encrypt, hash } = encrypter.crypto;
    useWasmForSmallFrames(encrypter);
    expect(encrypter.crypto.encrypt).not.toBe(encrypt);
    expect(encrypter.crypto.hash).toBe(hash);
    const plain = {};
    useWasmForSmallFrames(plain);
    expect(plain).toEqual({});
  });
});
