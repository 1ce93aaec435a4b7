import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';

/**
 * Teranode's peer address exchange (go-p2p-message-bus ≥ v0.1.6, Teranode 2026): the asker
 * opens a stream, writes the wanted peer's ID as text and reads; the answerer writes the
 * addresses it knows for that peer as a JSON array of multiaddr strings (`[]` for none) and
 * closes. Neither side frames or half-closes, so each side takes what its first read brings:
 * the ID (at most 256 bytes) and the answer (at most 4,096 bytes, Go's read buffer).
 */
export const PEER_ADDRESS_PROTOCOL = '/p2p-msg-bus/peer-addr-request/1.0.0';
export const MAX_PEER_ADDRESS_REQUEST_BYTES = 256;
export const MAX_PEER_ADDRESS_ANSWER_BYTES = 4096;
/** How long either side waits for the other's bytes. */
export const PEER_ADDRESS_TIMEOUT_MS = 5000;

const encoder = new TextEncoder();

/** The addresses worth sharing, as many as fit one answer: relay circuits are not (as Go). */
export function encodePeerAddressAnswer(addresses: readonly Multiaddr[]): Uint8Array {
  const shared: string[] = [];
  let bytes = 2;
  for (const address of addresses) {
    const text = address.toString();
    if (text.includes('/p2p-circuit')) continue;
    const cost = JSON.stringify(text).length + (shared.length > 0 ? 1 : 0);
    if (bytes + cost > MAX_PEER_ADDRESS_ANSWER_BYTES) break;
    shared.push(text);
    bytes += cost;
  }
  return encoder.encode(JSON.stringify(shared));
}

/** The multiaddrs of an answer; throws saying why when it is not a JSON array of them. */
export function decodePeerAddressAnswer(bytes: Uint8Array): Multiaddr[] {
  if (bytes.length > MAX_PEER_ADDRESS_ANSWER_BYTES)
    throw new Error(`answer of ${bytes.length} bytes, over ${MAX_PEER_ADDRESS_ANSWER_BYTES}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new Error(`answer is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error('answer is not a JSON array');
  return parsed.map((entry, index) => {
    if (typeof entry !== 'string') throw new Error(`answer entry ${index} is not a string`);
    try {
      return multiaddr(entry);
    } catch {
      throw new Error(`answer entry ${index} is not a multiaddr: ${entry.slice(0, 48)}`);
    }
  });
}
