import type { SecretKind } from './redaction.js';
import type { SettingKind } from './setting-kinds.js';

/**
 * How a setting is declared: its key (the exact environment variable / settings-file name),
 * its kind, its default (or what "unset" means) and a one-sentence meaning.
 */
export interface SettingDefinition<T = unknown> {
  readonly key: string;
  /** The area it belongs to; `loadSettings({ only: group })` loads one area. */
  readonly group: string;
  readonly kind: SettingKind<Exclude<T, undefined>>;
  /** The value when the setting is unset or empty; `undefined` for optional settings. */
  readonly defaultValue: T;
  /** For optional settings: what happens when it is unset. */
  readonly unset: string | undefined;
  readonly meaning: string;
  /** Other spellings read for the same setting (e.g. Teranode's camelCase names). */
  readonly aliases: readonly string[];
  /** Present for secrets: what must never be printed (error messages, dumps, logs). */
  readonly secret: SecretKind | undefined;
}

export type AnySettingDefinition = SettingDefinition<unknown>;

/** A declaration before `declareSettings` has given it its key and group. */
export type SettingSpec<T> = Omit<SettingDefinition<T>, 'key' | 'group'>;

interface CommonOptions {
  readonly meaning: string;
  readonly aliases?: readonly string[];
  readonly secret?: SecretKind;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A setting with a default value. */
export function setting<T>(
  options: CommonOptions & { readonly kind: SettingKind<T>; readonly default: NoInfer<T> },
): SettingSpec<T> {
  return {
    kind: options.kind as SettingKind<Exclude<T, undefined>>,
    defaultValue: deepFreeze(options.default),
    unset: undefined,
    meaning: options.meaning,
    aliases: options.aliases ?? [],
    secret: options.secret,
  };
}

/** A setting without a default: its value is `undefined` when unset, and `unset` says what that means. */
export function optionalSetting<T>(
  options: CommonOptions & { readonly kind: SettingKind<T>; readonly unset: string },
): SettingSpec<T | undefined> {
  return {
    kind: options.kind as SettingKind<Exclude<T | undefined, undefined>>,
    defaultValue: undefined,
    unset: options.unset,
    meaning: options.meaning,
    aliases: options.aliases ?? [],
    secret: options.secret,
  };
}

export type DeclaredSettings<S extends Record<string, SettingSpec<unknown>>> = {
  readonly [K in keyof S & string]: SettingDefinition<S[K]['defaultValue']> & { readonly key: K };
};

/** Gives each declaration its key (the property name) and group. */
export function declareSettings<S extends Record<string, SettingSpec<unknown>>>(
  group: string,
  specs: S,
): DeclaredSettings<S> {
  const declared: Record<string, AnySettingDefinition> = {};
  for (const [key, spec] of Object.entries(specs)) {
    declared[key] = Object.freeze({ ...(spec as SettingSpec<unknown>), key, group });
  }
  return Object.freeze(declared) as DeclaredSettings<S>;
}

/** The value type of every setting in a set of definitions. */
export type SettingsOf<D> = {
  readonly [K in keyof D]: D[K] extends { readonly defaultValue: infer T } ? T : never;
};
