import type { SecuredConnection } from '@libp2p/interface';
import type { Uint8ArrayList } from 'uint8arraylist';

/** What @libp2p/noise 17 reads frames with: @libp2p/utils' LengthPrefixedDecoder, 2-byte lengths. */
interface FrameDecoder {
  buffer: Uint8ArrayList;
  maxBufferSize: number;
  maxDataLength: number;
  encodingLength?: unknown;
  decode(chunk: Uint8Array | Uint8ArrayList): Generator<Uint8ArrayList>;
}

const NOTHING = new Uint8Array(0);

/**
 * The frames of one TCP read: each a big-endian uint16 length and that many bytes. Upstream's
 * decoder asks its length decoder for one more length after the last whole frame of every read
 * and stops when that throws a RangeError; an exception per read was 2 % of a busy node's CPU
 * even with a preallocated error (V8 still works out where each throw happened, walking the
 * stack), and 6 % with a new one. This loop looks at the byte count instead. Oversized input is
 * left to upstream's decoder, so its errors, and the connection abort they cause, stay exactly
 * as they were.
 */
function* decodeFrames(
  decoder: FrameDecoder,
  upstream: FrameDecoder['decode'],
  chunk: Uint8Array | Uint8ArrayList,
): Generator<Uint8ArrayList> {
  const { buffer } = decoder;
  buffer.append(chunk);
  while (buffer.byteLength >= 2) {
    const length = (buffer.get(0) << 8) | buffer.get(1);
    if (length > decoder.maxDataLength || buffer.byteLength > decoder.maxBufferSize) {
      yield* upstream.call(decoder, NOTHING);
      return;
    }
    const end = 2 + length;
    if (buffer.byteLength < end) return;
    const frame = buffer.sublist(2, end);
    buffer.consume(end);
    if (frame.byteLength > 0) yield frame;
  }
}

/** Has a secured Noise connection read its frames with decodeFrames. */
export function useCheapFrameDecoding<T extends SecuredConnection>(secured: T): T {
  const decoder = (secured.connection as { decoder?: FrameDecoder }).decoder;
  if (
    typeof decoder?.decode === 'function' &&
    typeof decoder.encodingLength === 'function' &&
    decoder.encodingLength() === 2 &&
    typeof decoder.buffer?.append === 'function'
  ) {
    const upstream = decoder.decode;
    decoder.decode = (chunk) => decodeFrames(decoder, upstream, chunk);
  }
  return secured;
}
