/** The PSK v1 text libp2p's pnet protector reads (reference-wire.md §2.3); js base16 is lower-case. */
export function pnetKeyText(sharedKeyHex: string): Uint8Array {
  return new TextEncoder().encode(`/key/swarm/psk/1.0.0/\n/base16/\n${sharedKeyHex.toLowerCase()}`);
}
