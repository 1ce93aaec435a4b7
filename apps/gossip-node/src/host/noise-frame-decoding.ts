import type { SecuredConnection } from '@libp2p/interface';
import { Uint8ArrayList } from 'uint8arraylist';

/** Thrown, stack and all, once per TCP read by @libp2p/noise 17's frame-length decoder. */
const NEED_MORE_BYTES = new RangeError('a Noise frame length needs two bytes');

/**
 * The big-endian uint16 in front of every Noise frame. The decoder loop asks for it once more
 * after the last whole frame of each read and stops on a RangeError; upstream's decoder
 * creates a new Error there each time, which was 6 % of a node's CPU under gossip load (a
 * stack trace per read). This one throws a single preallocated RangeError instead.
 */
export function noiseFrameLength(data: Uint8Array | Uint8ArrayList): number {
  if (data.byteLength < 2) throw NEED_MORE_BYTES;
  if (data instanceof Uint8ArrayList) return (data.get(0) << 8) | data.get(1);
  return (data[0]! << 8) | data[1]!;
}

interface FrameDecoder {
  lengthDecoder?: unknown;
  encodingLength?: unknown;
}

/** Points a secured Noise connection's frame-length decoder at noiseFrameLength. */
export function useCheapFrameLength<T extends SecuredConnection>(secured: T): T {
  const decoder = (secured.connection as { decoder?: FrameDecoder }).decoder;
  if (
    typeof decoder?.lengthDecoder === 'function' &&
    typeof decoder.encodingLength === 'function' &&
    decoder.encodingLength() === 2
  )
    decoder.lengthDecoder = noiseFrameLength;
  return secured;
}
