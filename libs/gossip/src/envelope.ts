import { decoded, refused, type DecodeResult } from './json/decode-result.js';
import { goBytes, goString } from './json/go-fields.js';
import { field, GoStruct } from './json/go-struct.js';
import { GossipCodec } from './json/gossip-codec.js';

/**
 * Teranode v0.11's wrapper around every payload: `{"name":<clientName>,"data":<base64>}`
 * (reference-wire.md §4.4). The name is informative only: the sender is the pubsub author.
 */
const spec = {
  name: field('name', goString),
  data: field('data', goBytes),
};

export const envelopeCodec = new GossipCodec(new GoStruct('envelope', spec));

export interface OpenedPayload {
  /** The envelope's name, or undefined when envelopes are off. */
  readonly name: string | undefined;
  readonly payload: Uint8Array;
}

/** The inner payload of a pubsub message, unwrapping the envelope when `envelope` is on. */
export function openPayload(
  bytes: Uint8Array,
  options: { envelope: boolean; maxBytes: number },
): DecodeResult<OpenedPayload> {
  if (!options.envelope) {
    if (bytes.length > options.maxBytes)
      return refused(
        'too_large',
        `payload of ${bytes.length} bytes exceeds the limit of ${options.maxBytes}`,
      );
    return decoded({ name: undefined, payload: bytes });
  }
  const envelope = envelopeCodec.decode(bytes, options.maxBytes);
  if (!envelope.ok)
    return refused(
      envelope.error.reason === 'too_large' ? 'too_large' : 'bad_envelope',
      `envelope: ${envelope.error.message}`,
    );
  const { name, data } = envelope.value;
  if (data === null) return refused('bad_envelope', 'envelope: no data');
  return decoded({ name, payload: data });
}

/** The bytes to publish: the payload itself, or wrapped in the envelope under `name`. */
export function sealPayload(
  payload: Uint8Array,
  options: { envelope: boolean; name: string },
): Uint8Array {
  return options.envelope ? envelopeCodec.encode({ name: options.name, data: payload }) : payload;
}
