// Runs in the signature worker threads and, for the event-loop fallback, in the main thread.
// Only erasable TypeScript and Node built-ins: the worker loads this file as it is, from dist
// (.js) or, under the tests, from source (.ts, Node strips the types).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
/** Per item in a batch: data length (u32), public key, signature, then the data. */
const ITEM_HEADER_BYTES = 4 + ED25519_PUBLIC_KEY_BYTES + ED25519_SIGNATURE_BYTES;

/**
 * Ed25519 public keys as crypto KeyObjects, least recently used dropped beyond `max`.
 * libp2p imports the key from JWK on every verification, which costs about a fifth of the
 * verification itself; a gossip network has few authors, so their keys are kept.
 */
export class Ed25519KeyCache {
  private readonly keys = new Map<string, KeyObject>();
  readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get size(): number {
    return this.keys.size;
  }

  get(raw: Uint8Array): KeyObject {
    const id = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url');
    let key = this.keys.get(id);
    if (key !== undefined) {
      this.keys.delete(id);
    } else {
      key = createPublicKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed25519', x: id } });
      if (this.keys.size >= this.max) this.keys.delete(this.keys.keys().next().value as string);
    }
    this.keys.set(id, key);
    return key;
  }
}

/** Whether `signature` is `publicKey`'s Ed25519 signature of `data`; malformed input is false. */
export function verifyEd25519(
  keys: Ed25519KeyCache,
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (
    publicKey.byteLength !== ED25519_PUBLIC_KEY_BYTES ||
    signature.byteLength !== ED25519_SIGNATURE_BYTES
  )
    return false;
  try {
    return verify(null, data, keys.get(publicKey), signature);
  } catch {
    return false;
  }
}

export interface VerificationItem {
  readonly publicKey: Uint8Array;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
}

/** Packs a batch into one buffer, so it crosses to the worker as a single transfer. */
export function packBatch(items: readonly VerificationItem[]): ArrayBuffer {
  let size = 0;
  for (const item of items) size += ITEM_HEADER_BYTES + item.data.byteLength;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const { publicKey, data, signature } of items) {
    view.setUint32(at, data.byteLength);
    bytes.set(publicKey, at + 4);
    bytes.set(signature, at + 4 + ED25519_PUBLIC_KEY_BYTES);
    bytes.set(data, at + ITEM_HEADER_BYTES);
    at += ITEM_HEADER_BYTES + data.byteLength;
  }
  return bytes.buffer;
}

/** Verifies every item of a packed batch: 1 (valid) or 0 per item, in order. */
export function verifyBatch(keys: Ed25519KeyCache, buffer: ArrayBuffer, count: number): Uint8Array {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const results = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(at);
    const publicKey = bytes.subarray(at + 4, at + 4 + ED25519_PUBLIC_KEY_BYTES);
    const signature = bytes.subarray(at + 4 + ED25519_PUBLIC_KEY_BYTES, at + ITEM_HEADER_BYTES);
    const data = bytes.subarray(at + ITEM_HEADER_BYTES, at + ITEM_HEADER_BYTES + length);
    results[i] = verifyEd25519(keys, publicKey, data, signature) ? 1 : 0;
    at += ITEM_HEADER_BYTES + length;
  }
  return results;
}

export interface BatchRequest {
  readonly id: number;
  readonly count: number;
  readonly buffer: ArrayBuffer;
}

export interface BatchResult {
  readonly id: number;
  readonly results: Uint8Array;
  /** Keys in this worker's cache after the batch. */
  readonly cachedKeys: number;
}

export const WORKER_ROLE = 'teranode-p2p-ed25519-verifier';

function serve(port: MessagePort, keyCacheSize: number): void {
  const keys = new Ed25519KeyCache(keyCacheSize);
  port.on('message', ({ id, count, buffer }: BatchRequest) => {
    const results = verifyBatch(keys, buffer, count);
    const reply: BatchResult = { id, results, cachedKeys: keys.size };
    port.postMessage(reply, [results.buffer as ArrayBuffer]);
  });
}

if (!isMainThread && parentPort !== null && workerData?.role === WORKER_ROLE)
  serve(parentPort, workerData.keyCacheSize as number);
