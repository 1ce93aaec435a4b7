import { createHash } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += BASE32[(value << (5 - bits)) & 31];
  return text;
}

/**
 * The DHT rendezvous key of a topic: CIDv1, raw codec, sha2-256 of the topic string, in
 * base32 (`bafkrei…`), as go-libp2p's discovery advertises it (reference-wire.md §3).
 */
export function topicRendezvousCid(topic: string): string {
  return 'b' + base32(topicRendezvousCidBytes(topic));
}

/** The CID's binary form (what a DHT provide/findProviders key is built from). */
export function topicRendezvousCidBytes(topic: string): Uint8Array {
  const digest = createHash('sha256').update(topic, 'utf8').digest();
  return Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...digest]);
}
