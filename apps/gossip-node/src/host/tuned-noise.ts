import { noise } from '@libp2p/noise';
import type { ConnectionEncrypter, SecuredConnection } from '@libp2p/interface';
import { useCheapFrameDecoding } from './noise-frame-decoding.js';
import { useWasmForSmallFrames } from './noise-frame-cipher.js';
import { coalesceNoiseFrames } from './noise-frame-coalescing.js';

/**
 * @libp2p/noise with its connections reading frames without an exception per read
 * (`noise-frame-decoding.ts`), its frames up to 4 KB sealed in WebAssembly
 * (`noise-frame-cipher.ts`) and one event-loop turn's sends sealed as one frame
 * (`noise-frame-coalescing.ts`). The same byte stream inside Noise.
 */
export function tunedNoise(...init: Parameters<typeof noise>) {
  const upstream = noise(...init);
  const tune = <T extends SecuredConnection<unknown>>(secured: T) =>
    coalesceNoiseFrames(useCheapFrameDecoding(secured));
  return (components: Parameters<typeof upstream>[0]): ConnectionEncrypter => {
    const encrypter = upstream(components);
    useWasmForSmallFrames(encrypter);
    const outbound = encrypter.secureOutbound.bind(encrypter);
    const inbound = encrypter.secureInbound.bind(encrypter);
    encrypter.secureOutbound = async (...args) => tune(await outbound(...args));
    encrypter.secureInbound = async (...args) => tune(await inbound(...args));
    return encrypter;
  };
}
