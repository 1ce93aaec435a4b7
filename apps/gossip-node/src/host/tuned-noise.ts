import { noise } from '@libp2p/noise';
import type { ConnectionEncrypter } from '@libp2p/interface';
import { useCheapFrameDecoding } from './noise-frame-decoding.js';
import { useWasmForSmallFrames } from './noise-frame-cipher.js';

/**
 * @libp2p/noise with its connections reading frames without an exception per read
 * (`noise-frame-decoding.ts`) and its frames up to 4 KB sealed in WebAssembly
 * (`noise-frame-cipher.ts`). Same wire bytes.
 */
export function tunedNoise(...init: Parameters<typeof noise>) {
  const upstream = noise(...init);
  return (components: Parameters<typeof upstream>[0]): ConnectionEncrypter => {
    const encrypter = upstream(components);
    useWasmForSmallFrames(encrypter);
    const outbound = encrypter.secureOutbound.bind(encrypter);
    const inbound = encrypter.secureInbound.bind(encrypter);
    encrypter.secureOutbound = async (...args) => useCheapFrameDecoding(await outbound(...args));
    encrypter.secureInbound = async (...args) => useCheapFrameDecoding(await inbound(...args));
    return encrypter;
  };
}
