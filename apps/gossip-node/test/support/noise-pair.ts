import { generateKeyPair } from '@libp2p/crypto/keys';
import type { ConnectionEncrypter } from '@libp2p/interface';
import { defaultLogger } from '@libp2p/logger';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { multiaddrConnectionPair } from '@libp2p/utils';

/** A Noise implementation as its factory: `noise` or gossip-node's `tunedNoise`. */
export type NoiseFactory = () => (components: never) => ConnectionEncrypter;

/**
 * Two ends of an in-memory connection secured by real Noise handshakes, the dialer with one
 * implementation and the listener with another; `wire` is the dialer's unencrypted transport.
 */
export async function securedNoisePair(
  dialerNoise: NoiseFactory,
  listenerNoise: NoiseFactory,
  transport: Parameters<typeof multiaddrConnectionPair>[0] = {},
) {
  const [dialerKey, listenerKey] = await Promise.all([
    generateKeyPair('Ed25519'),
    generateKeyPair('Ed25519'),
  ]);
  const encrypter = (factory: NoiseFactory, privateKey: typeof dialerKey) =>
    factory()({ privateKey, logger: defaultLogger() } as never);
  const [outbound, inbound] = multiaddrConnectionPair(transport);
  const [dialer, listener] = await Promise.all([
    encrypter(dialerNoise, dialerKey).secureOutbound(outbound, {
      remotePeer: peerIdFromPrivateKey(listenerKey),
      skipStreamMuxerNegotiation: true,
    }),
    encrypter(listenerNoise, listenerKey).secureInbound(inbound, {
      skipStreamMuxerNegotiation: true,
    }),
  ]);
  return { dialer, listener, wire: outbound };
}
