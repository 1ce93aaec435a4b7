import { noise } from '@libp2p/noise';
import type { ConnectionEncrypter, SecuredConnection } from '@libp2p/interface';
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

function useCheapFrameLength<T extends SecuredConnection>(secured: T): T {
  const decoder = (secured.connection as { decoder?: FrameDecoder }).decoder;
  if (
    typeof decoder?.lengthDecoder === 'function' &&
    typeof decoder.encodingLength === 'function' &&
    decoder.encodingLength() === 2
  )
    decoder.lengthDecoder = noiseFrameLength;
  return secured;
}

/** @libp2p/noise, its connections reading frame lengths with `noiseFrameLength`. */
export function noiseWithCheapFrameLengths(...init: Parameters<typeof noise>) {
  const upstream = noise(...init);
  return (components: Parameters<typeof upstream>[0]): ConnectionEncrypter => {
    const encrypter = upstream(components);
    const outbound = encrypter.secureOutbound.bind(encrypter);
    const inbound = encrypter.secureInbound.bind(encrypter);
    encrypter.secureOutbound = async (...args) => useCheapFrameLength(await outbound(...args));
    encrypter.secureInbound = async (...args) => useCheapFrameLength(await inbound(...args));
    return encrypter;
  };
}
