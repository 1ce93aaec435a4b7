import { decoded, refused, type DecodeResult } from './decode-result.js';
import { stringifyLikeGo } from './go-json.js';
import { GoTypeError } from './go-fields.js';
import type { GoStruct, StructSpec, StructValue } from './go-struct.js';
import { parseJsonKeepingNumbers } from './json-number.js';

const utf8 = new TextDecoder('utf-8', { fatal: false }); // Go replaces invalid UTF-8 with U+FFFD
const encoder = new TextEncoder();

/** Parses bytes as JSON after the size check; the value still has JsonNumber leaves. */
export function parseGossipJson(bytes: Uint8Array, maxBytes: number): DecodeResult<unknown> {
  if (bytes.length > maxBytes)
    return refused(
      'too_large',
      `payload of ${bytes.length} bytes exceeds the limit of ${maxBytes}`,
    );
  try {
    return decoded(parseJsonKeepingNumbers(utf8.decode(bytes)));
  } catch (error) {
    return refused('invalid_json', `not JSON: ${(error as Error).message}`);
  }
}

/** One gossip payload type: Teranode's JSON keys, Go's decoding rules, Go's output bytes. */
export class GossipCodec<S extends StructSpec> {
  constructor(readonly struct: GoStruct<S>) {}

  get name(): string {
    return this.struct.name;
  }

  decode(bytes: Uint8Array, maxBytes: number): DecodeResult<StructValue<S>> {
    const parsed = parseGossipJson(bytes, maxBytes);
    if (!parsed.ok) return parsed;
    const raw = parsed.value;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return refused('not_an_object', `${this.name}: expected a JSON object`);
    try {
      return decoded(this.struct.decode(raw));
    } catch (error) {
      if (error instanceof GoTypeError) return refused('wrong_type', error.message);
      throw error;
    }
  }

  /** A full value from a partial one (missing fields get Go zero values). */
  create(value: Partial<StructValue<S>>): StructValue<S> {
    return { ...this.struct.zero(), ...value };
  }

  encode(value: StructValue<S>): Uint8Array {
    return encoder.encode(this.encodeText(value));
  }

  encodeText(value: StructValue<S>): string {
    return stringifyLikeGo(this.struct.encode(value));
  }
}
