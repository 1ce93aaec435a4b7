import { JsonNumber } from './json-number.js';

/**
 * Go `encoding/json` field types (reference-service.md §2.3): a JSON value of the wrong type
 * fails the whole decode; `null` leaves the zero value; omitempty fields are left out when
 * empty on encoding.
 */
export class GoTypeError extends Error {}

export interface GoField<T> {
  /** The Go type, for error messages. */
  readonly goType: string;
  zero(): T;
  /** Converts a parsed JSON value (never null) or throws GoTypeError. */
  decode(raw: unknown, path: string): T;
  /** The JSON value (JsonNumber for numbers, to keep Go's number text). */
  encode(value: T): unknown;
  isEmpty(value: T): boolean;
}

function typeError(path: string, goType: string, raw: unknown): GoTypeError {
  const got =
    raw instanceof JsonNumber ? `number ${raw.source}` : Array.isArray(raw) ? 'array' : typeof raw;
  return new GoTypeError(`${path}: cannot put JSON ${got} into Go ${goType}`);
}

export const goString: GoField<string> = {
  goType: 'string',
  zero: () => '',
  decode(raw, path) {
    if (typeof raw !== 'string') throw typeError(path, 'string', raw);
    return raw;
  },
  encode: (value) => value,
  isEmpty: (value) => value === '',
};

const UNSIGNED = /^(0|[1-9][0-9]*)$/;
const SIGNED = /^-?(0|[1-9][0-9]*)$/;

/** The integer of a JSON number token, or GoTypeError: what strconv.ParseInt/ParseUint take. */
function decodeInteger(raw: unknown, path: string, goType: string, min: bigint, max: bigint) {
  if (!(raw instanceof JsonNumber) || !(min < 0n ? SIGNED : UNSIGNED).test(raw.source))
    throw typeError(path, goType, raw);
  const value = BigInt(raw.source);
  if (value < min || value > max) throw typeError(path, goType, raw);
  return value;
}

/** A Go integer of up to 32 bits: a JS number holds every one exactly. */
function smallIntegerField(goType: string, min: bigint, max: bigint): GoField<number> {
  return {
    goType,
    zero: () => 0,
    decode: (raw, path) => Number(decodeInteger(raw, path, goType, min, max)),
    encode: (value) => new JsonNumber(BigInt(Math.trunc(value)).toString()),
    isEmpty: (value) => value === 0,
  };
}

/**
 * A Go int64 or uint64, as a bigint: a JS number is exact only up to 2^53, and the P2PEvent
 * carries these fields as exact decimal text (2^63 − 1 as a number is 9223372036854776000, which
 * no int64 holds).
 */
function largeIntegerField(goType: string, min: bigint, max: bigint): GoField<bigint> {
  return {
    goType,
    zero: () => 0n,
    decode: (raw, path) => decodeInteger(raw, path, goType, min, max),
    encode: (value) => new JsonNumber(value.toString()),
    isEmpty: (value) => value === 0n,
  };
}

export const goUint32 = smallIntegerField('uint32', 0n, 0xffff_ffffn);
export const goUint64 = largeIntegerField('uint64', 0n, 0xffff_ffff_ffff_ffffn);
export const goInt64 = largeIntegerField('int64', -0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn);

export const goFloat64: GoField<number> = {
  goType: 'float64',
  zero: () => 0,
  decode(raw, path) {
    if (!(raw instanceof JsonNumber)) throw typeError(path, 'float64', raw);
    const value = Number(raw.source);
    if (!Number.isFinite(value)) throw typeError(path, 'float64', raw);
    return value;
  },
  // String() writes Go's shortest form, exponent thresholds included; only -0 differs.
  encode: (value) => new JsonNumber(Object.is(value, -0) ? '-0' : String(value)),
  isEmpty: (value) => value === 0,
};

export const goStringSlice: GoField<string[]> = {
  goType: '[]string',
  zero: () => [],
  decode(raw, path) {
    if (!Array.isArray(raw)) throw typeError(path, '[]string', raw);
    return raw.map((item, index) =>
      item === null ? '' : goString.decode(item, `${path}[${index}]`),
    );
  },
  encode: (value) => value,
  isEmpty: (value) => value.length === 0,
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go `[]byte`: standard base64 with padding (Go's decoder skips CR and LF). */
export const goBytes: GoField<Uint8Array | null> = {
  goType: '[]byte',
  zero: () => null,
  decode(raw, path) {
    if (typeof raw !== 'string') throw typeError(path, '[]byte', raw);
    const text = raw.replace(/[\r\n]/g, '');
    if (!BASE64.test(text)) throw new GoTypeError(`${path}: not padded standard base64`);
    return new Uint8Array(Buffer.from(text, 'base64'));
  },
  encode: (value) => (value === null ? null : Buffer.from(value).toString('base64')),
  isEmpty: (value) => value === null || value.length === 0,
};
