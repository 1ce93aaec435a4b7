import { GoTypeError, type GoField } from './go-fields.js';
import { JsonNumber } from './json-number.js';

export interface FieldSpec<T> {
  /** The JSON key Go emits (the struct field name, or its json tag). */
  readonly key: string;
  readonly type: GoField<T>;
  readonly omitEmpty?: boolean;
  /** Read from older senders but never written: the Go struct of today has no such field. */
  readonly decodeOnly?: boolean;
}

export function field<T>(key: string, type: GoField<T>, omitEmpty = false): FieldSpec<T> {
  return { key, type, omitEmpty };
}

/**
 * A field an older version of the Go struct had and today's has dropped: decoded when a peer
 * still sends it, never encoded. A value of the wrong type leaves it unset instead of failing
 * the message, since Go today skips the key as unknown.
 */
export function legacyField<T>(key: string, type: GoField<T>): FieldSpec<T> {
  return { key, type, omitEmpty: true, decodeOnly: true };
}

export type StructSpec = Readonly<Record<string, FieldSpec<unknown>>>;

export type StructValue<S extends StructSpec> = {
  -readonly [K in keyof S]: S[K] extends FieldSpec<infer T> ? T : never;
};

/**
 * Go matches object keys to fields case-insensitively (exact match first); its folding maps
 * the long s (U+017F) to s and the Kelvin sign to k, which toLowerCase alone does not cover.
 */
export function foldKey(key: string): string {
  return key.replace(/\u017f/g, 's').toLowerCase();
}

/** A Go struct as a JSON codec: keys in struct order, Go's matching and type rules. */
export class GoStruct<S extends StructSpec> implements GoField<StructValue<S>> {
  readonly goType: string;
  private readonly entries: readonly (readonly [string, FieldSpec<unknown>])[];
  private readonly byExactKey = new Map<string, string>();
  private readonly byFoldedKey = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly spec: S,
  ) {
    this.goType = name;
    this.entries = Object.entries(spec);
    for (const [prop, { key }] of this.entries) {
      this.byExactKey.set(key, prop);
      if (!this.byFoldedKey.has(foldKey(key))) this.byFoldedKey.set(foldKey(key), prop);
    }
  }

  zero(): StructValue<S> {
    const value: Record<string, unknown> = {};
    for (const [prop, spec] of this.entries) value[prop] = spec.type.zero();
    return value as StructValue<S>;
  }

  decode(raw: unknown, path: string = this.name): StructValue<S> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof JsonNumber)
      throw new GoTypeError(`${path}: expected a JSON object`);
    const value = this.zero() as Record<string, unknown>;
    for (const [key, item] of Object.entries(raw)) {
      const prop = this.byExactKey.get(key) ?? this.byFoldedKey.get(foldKey(key));
      if (prop === undefined || item === null) continue;
      const spec = this.spec[prop]!;
      try {
        value[prop] = spec.type.decode(item, `${path}.${spec.key}`);
      } catch (error) {
        // Today's Go struct has no such field and skips the key whatever its value.
        if (spec.decodeOnly !== true || !(error instanceof GoTypeError)) throw error;
      }
    }
    return value as StructValue<S>;
  }

  encode(value: StructValue<S>): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    for (const [prop, spec] of this.entries) {
      if (spec.decodeOnly === true) continue;
      const item = (value as Record<string, unknown>)[prop];
      if (spec.omitEmpty && spec.type.isEmpty(item)) continue;
      json[spec.key] = spec.type.encode(item);
    }
    return json;
  }

  isEmpty(): boolean {
    return false; // Go never treats a struct value as empty for omitempty
  }
}

/** A Go pointer to a struct: null/absent ↔ undefined (omitempty drops undefined). */
export function goPointer<T>(type: GoField<T>): GoField<T | undefined> {
  return {
    goType: `*${type.goType}`,
    zero: () => undefined,
    decode: (raw, path) => type.decode(raw, path),
    encode: (value) => (value === undefined ? null : type.encode(value)),
    isEmpty: (value) => value === undefined,
  };
}
