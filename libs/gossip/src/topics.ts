import { createHash } from 'node:crypto';

/**
 * The DHT rendezvous key of a topic: CIDv1, raw codec, sha2-256 of the topic string, as
 * go-libp2p's discovery advertises it (reference-wire.md §3); the binary form a DHT
 * provide/findProviders key is built from.
 */
export function topicRendezvousCidBytes(topic: string): Uint8Array {
  const digest = createHash('sha256').update(topic, 'utf8').digest();
  return Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...digest]);
}
