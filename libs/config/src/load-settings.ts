import { crossChecks } from './cross-checks.js';
import { displayValue } from './redaction.js';
import type { AnySettingDefinition } from './setting-definition.js';
import { expandReferences } from './settings-references.js';
import { InvalidSettingValue, SettingsError } from './settings-error.js';
import {
  findFileEntry,
  findFileLine,
  readSettingsFile,
  type SettingsFile,
  type SettingsFileKeys,
} from './settings-file.js';
import {
  definitionsBySpelling,
  isSettingGroup,
  ownKeyPrefixes,
  type SettingGroup,
  type SettingGroupKeys,
  type SettingKey,
  type Settings,
  settingDefinitions,
  settingGroups,
  settingsSchema,
} from './settings-schema.js';

/** Environment variable naming the settings file. */
export const SETTINGS_FILE_ENV = 'SETTINGS_FILE';
/** Environment variable selecting the settings-file context (`docker.teranode1`). */
export const SETTINGS_CONTEXT_ENV = 'SETTINGS_CONTEXT';

export interface LoadSettingsOptions {
  /** Variables to read instead of `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Settings file to read; overrides SETTINGS_FILE. */
  readonly file?: string;
  /** Settings-file context; overrides SETTINGS_CONTEXT. */
  readonly context?: string;
}

/** A group name (`kafka`) or a key (`p2p_port`). */
export type SettingSelector = SettingGroup | SettingKey;

type SelectedKeys<S extends SettingSelector> = S extends SettingGroup
  ? SettingGroupKeys<S>
  : Extract<S, SettingKey>;

/** The settings a selection loads. */
export type SelectedSettings<S extends SettingSelector> = Pick<Settings, SelectedKeys<S>>;

/**
 * Reads every setting (or the selected ones) from the environment and the optional settings
 * file, in this order of precedence: environment variable, settings file (most specific
 * context first), default. A variable set to an empty string counts as unset, so it brings
 * back the default even over a file value. Aliases are read after the key itself.
 *
 * Throws SettingsError for an unreadable or malformed settings file, or for values its kinds
 * reject and failed cross-setting checks: then `message` is the first problem (one line) and
 * `problems` lists them all.
 */
export function loadSettings(options?: LoadSettingsOptions): Settings;
export function loadSettings<const S extends SettingSelector>(
  options: LoadSettingsOptions & { readonly only: S | readonly S[] },
): SelectedSettings<S>;
export function loadSettings(
  options: LoadSettingsOptions & {
    readonly only?: SettingSelector | readonly SettingSelector[];
  } = {},
): Partial<Settings> {
  const env = options.env ?? process.env;
  const selected = selectKeys(options.only);
  const needed = withCrossCheckKeys(selected);
  const file = openSettingsFile(options.file, env);
  const context = options.context ?? env[SETTINGS_CONTEXT_ENV];

  const values: Record<string, unknown> = {};
  const failed = new Set<string>();
  const problems: string[] = [];
  for (const key of needed) {
    const resolution = resolveValue(
      settingsSchema[key] as AnySettingDefinition,
      env,
      file,
      context,
    );
    if ('problem' in resolution) {
      problems.push(resolution.problem);
      failed.add(key);
    } else {
      values[key] = resolution.value;
    }
  }
  for (const check of crossChecks) {
    if (check.keys.some((key) => selected.has(key)) && !check.keys.some((key) => failed.has(key))) {
      const problem = check.check(values as Settings);
      if (problem !== undefined) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new SettingsError(problems);

  const result: Record<string, unknown> = {};
  for (const key of selected) result[key] = values[key];
  return Object.freeze(result) as Partial<Settings>;
}

function selectKeys(
  only: SettingSelector | readonly SettingSelector[] | undefined,
): ReadonlySet<SettingKey> {
  if (only === undefined) return new Set(settingDefinitions.map((d) => d.key as SettingKey));
  const selectors: readonly SettingSelector[] = typeof only === 'string' ? [only] : only;
  const keys = new Set<SettingKey>();
  for (const selector of selectors) {
    if (isSettingGroup(selector)) {
      Object.keys(settingGroups[selector]).forEach((key) => keys.add(key as SettingKey));
    } else if (Object.hasOwn(settingsSchema, selector)) {
      keys.add(selector);
    } else {
      throw new SettingsError(
        `unknown setting or group ${JSON.stringify(selector)} in loadSettings({ only })`,
      );
    }
  }
  return keys;
}

/** Cross-checks need all their keys, even those the caller did not select. */
function withCrossCheckKeys(selected: ReadonlySet<SettingKey>): readonly SettingKey[] {
  const needed = new Set(selected);
  for (const check of crossChecks) {
    if (check.keys.some((key) => selected.has(key))) check.keys.forEach((key) => needed.add(key));
  }
  return settingDefinitions.map((d) => d.key as SettingKey).filter((key) => needed.has(key));
}

const FILE_KEYS: SettingsFileKeys = {
  canonicalKey: new Map([...definitionsBySpelling].map(([spelling, d]) => [spelling, d.key])),
  ownPrefixes: ownKeyPrefixes,
};

function openSettingsFile(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): SettingsFile | undefined {
  if (explicit !== undefined) return readSettingsFile(explicit, 'option', FILE_KEYS);
  const fromEnv = env[SETTINGS_FILE_ENV]?.trim();
  if (fromEnv === undefined || fromEnv === '') return undefined;
  return readSettingsFile(fromEnv, 'SETTINGS_FILE', FILE_KEYS);
}

interface RawValue {
  readonly spelling: string;
  readonly text: string;
  /** `path:line` when the value comes from the settings file. */
  readonly location: string | undefined;
}

function findRawValue(
  definition: AnySettingDefinition,
  env: Readonly<Record<string, string | undefined>>,
  file: SettingsFile | undefined,
  context: string | undefined,
): RawValue | undefined {
  for (const spelling of [definition.key, ...definition.aliases]) {
    const text = env[spelling];
    if (text !== undefined) return { spelling, text, location: undefined };
  }
  const entry = file && findFileEntry(file, definition.key, context);
  if (entry === undefined || file === undefined) return undefined;
  const spelling =
    entry.context === undefined ? entry.spelling : `${entry.spelling}.${entry.context}`;
  return { spelling, text: entry.value, location: `${file.path}:${entry.line}` };
}

type Resolution = { readonly value: unknown } | { readonly problem: string };

/** The setting's value (its default when unset or empty), or the one-line problem. */
function resolveValue(
  definition: AnySettingDefinition,
  env: Readonly<Record<string, string | undefined>>,
  file: SettingsFile | undefined,
  context: string | undefined,
): Resolution {
  const raw = findRawValue(definition, env, file, context);
  let text = raw?.text.trim() ?? '';
  try {
    if (raw?.location !== undefined && file !== undefined)
      text = expandReferences(
        text,
        (name) => env[name] ?? findFileLine(file, name, context),
      ).trim();
    if (raw === undefined || text === '') return { value: definition.defaultValue };
    return { value: definition.kind.parse(text) };
  } catch (error) {
    if (!(error instanceof InvalidSettingValue) || raw === undefined) throw error;
    const where = raw.location === undefined ? '' : ` at ${raw.location}`;
    const shown = displayValue(text, definition.secret);
    return {
      problem: `invalid setting ${raw.spelling}=${shown}${where}: expected ${error.expected}`,
    };
  }
}
