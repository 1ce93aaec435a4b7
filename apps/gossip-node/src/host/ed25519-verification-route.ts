import { publicKeyFromRaw } from '@libp2p/crypto/keys';
import type { AbortOptions, PublicKey } from '@libp2p/interface';

/** Where Ed25519 signatures are checked instead of libp2p's own single-threaded check. */
export interface Ed25519Verifier {
  verify(
    publicKey: Uint8Array,
    data: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>;
}

type Verify = PublicKey['verify'];

// gossipsub builds a fresh key object from each message's author and calls its verify, so
// the only place to reach every check is the prototype of @libp2p/crypto's Ed25519 key class.
// Every caller in libp2p awaits verify (its interface returns boolean | Promise<boolean>).
const ed25519KeyClass = Object.getPrototypeOf(publicKeyFromRaw(new Uint8Array(32))) as {
  verify: Verify;
};
const libp2pVerify = ed25519KeyClass.verify;
const routes: Ed25519Verifier[] = [];

function routedVerify(
  this: { raw: Uint8Array },
  data: Parameters<Verify>[0],
  signature: Uint8Array,
  options?: AbortOptions,
): boolean | Promise<boolean> {
  options?.signal?.throwIfAborted();
  const verifier = routes[routes.length - 1] as Ed25519Verifier;
  return verifier.verify(this.raw, data instanceof Uint8Array ? data : data.subarray(), signature);
}

/**
 * Sends every Ed25519 verification of this process to `verifier` until the returned function
 * is called. Routes stack: the latest installed serves, and libp2p's own check returns when
 * the last is removed.
 */
export function routeEd25519Verification(verifier: Ed25519Verifier): () => void {
  routes.push(verifier);
  ed25519KeyClass.verify = routedVerify as Verify;
  return () => {
    const index = routes.indexOf(verifier);
    if (index >= 0) routes.splice(index, 1);
    if (routes.length === 0) ed25519KeyClass.verify = libp2pVerify;
  };
}

/**
 * Whether `key`'s checks take the route: false when it comes from another copy of
 * @libp2p/crypto than ours (a dependency tree that failed to deduplicate).
 */
export function isRoutedKey(key: Pick<PublicKey, 'verify'>): boolean {
  return routes.length > 0 && key.verify === (routedVerify as Verify);
}
