import { readFileSync } from 'node:fs';
import { closestKey } from './closest-key.js';
import { SettingsError } from './settings-error.js';

/**
 * The optional settings file, in Teranode's settings.conf style:
 *
 *     # comment
 *     p2p_port = 9905
 *     p2p_port.docker = 19905
 *     p2p_port.docker.teranode1 = 29905
 *
 * `key.<context> = value` applies when SETTINGS_CONTEXT selects that context; the most
 * specific context wins (`docker.teranode1`, then `docker`, then no context). A `#` at the start
 * of a line or after a space starts a comment (`network.dev = regtest # used by unit tests`, as
 * Teranode's settings.conf writes); a `#` inside a value (`p#1`) is kept. An unknown key in one
 * of this product's namespaces (`p2p_`…) is an error (typo protection); other unknown keys
 * belong to Teranode's other services and are skipped, so a settings.conf shared with them can
 * be read.
 */

export interface SettingsFileEntry {
  /** The canonical key of the setting. */
  readonly key: string;
  /** The key as written in the file (a key or one of its aliases). */
  readonly spelling: string;
  /** `docker.teranode1` in `p2p_port.docker.teranode1`; undefined for the base value. */
  readonly context: string | undefined;
  readonly value: string;
  readonly line: number;
}

/** Any line of the file, ours or another Teranode service's: what `${NAME}` can refer to. */
export interface SettingsFileLine {
  readonly name: string;
  readonly context: string | undefined;
  readonly value: string;
}

export interface SettingsFile {
  readonly path: string;
  readonly entries: readonly SettingsFileEntry[];
  readonly lines: readonly SettingsFileLine[];
}

/** What the reader knows about keys. */
export interface SettingsFileKeys {
  /** Every accepted spelling (key or alias) → its setting's key. */
  readonly canonicalKey: ReadonlyMap<string, string>;
  /** Prefixes of the keys this product owns; an unknown key with none of them is skipped. */
  readonly ownPrefixes: readonly string[];
}

/** Where the file's path came from, for the "not found" message. */
export type SettingsFileOrigin = 'SETTINGS_FILE' | 'option';

const LINE = /^([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_-]+)*)\s*=(.*)$/;
/** A trailing comment: `#` after whitespace (Teranode cuts at any `#`; a password may hold one). */
const TRAILING_COMMENT = /(?:^|\s)#.*$/;

/**
 * Parses settings-file text. Throws SettingsError naming path:line for a malformed line, an
 * unknown key with one of `keys.ownPrefixes`, or a setting given twice for the same context
 * (also under two spellings). Other unknown keys are skipped.
 */
export function parseSettingsText(
  text: string,
  path: string,
  keys: SettingsFileKeys,
): SettingsFile {
  const { canonicalKey, ownPrefixes } = keys;
  const entries: SettingsFileEntry[] = [];
  const all: SettingsFileLine[] = [];
  const seen = new Map<string, SettingsFileEntry>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(trimmed);
    if (match === null) {
      throw new SettingsError(
        `settings file ${path}:${line}: expected "key = value" or "key.context = value"`,
      );
    }
    const [, spelling, contextPart, rawValue] = match as unknown as [
      string,
      string,
      string,
      string,
    ];
    const context = contextPart === '' ? undefined : contextPart.slice(1);
    const value = rawValue.replace(TRAILING_COMMENT, '').trim();
    all.push({ name: spelling, context, value });
    const key = canonicalKey.get(spelling);
    if (key === undefined) {
      if (!ownPrefixes.some((prefix) => spelling.startsWith(prefix))) return;
      const suggestion = closestKey(spelling, canonicalKey.keys());
      throw new SettingsError(
        `settings file ${path}:${line}: unknown setting ${spelling}` +
          (suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`),
      );
    }
    const entry: SettingsFileEntry = { key, spelling, context, value, line };
    const slot = `${key}.${context ?? ''}`;
    const earlier = seen.get(slot);
    if (earlier !== undefined) {
      const what =
        earlier.spelling === spelling
          ? spelling
          : `${spelling} (same setting as ${earlier.spelling})`;
      throw new SettingsError(
        `settings file ${path}:${line}: ${what}${context === undefined ? '' : `.${context}`} is already set at line ${earlier.line}`,
      );
    }
    seen.set(slot, entry);
    entries.push(entry);
  });
  return Object.freeze({ path, entries: Object.freeze(entries), lines: Object.freeze(all) });
}

/** Reads and parses the file; a missing or unreadable file is a SettingsError. */
export function readSettingsFile(
  path: string,
  origin: SettingsFileOrigin,
  keys: SettingsFileKeys,
): SettingsFile {
  const named =
    origin === 'SETTINGS_FILE' ? `SETTINGS_FILE=${JSON.stringify(path)}` : JSON.stringify(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SettingsError(
      code === 'ENOENT'
        ? `settings file not found: ${named}`
        : `cannot read settings file ${named}: ${code}`,
    );
  }
  return parseSettingsText(text, path, keys);
}

/** `docker.teranode1` → [`docker.teranode1`, `docker`, undefined]: most specific first. */
export function contextChain(context: string | undefined): readonly (string | undefined)[] {
  if (context === undefined || context === '') return [undefined];
  const parts = context.split('.');
  return [...parts.map((_, i) => parts.slice(0, parts.length - i).join('.')), undefined];
}

/** The value a name (any key of the file) has under a context, or undefined. */
export function findFileLine(
  file: SettingsFile,
  name: string,
  context: string | undefined,
): string | undefined {
  for (const level of contextChain(context)) {
    const line = file.lines.find((l) => l.name === name && l.context === level);
    if (line !== undefined) return line.value;
  }
  return undefined;
}

/** The entry that applies to a setting under a context, or undefined. */
export function findFileEntry(
  file: SettingsFile,
  key: string,
  context: string | undefined,
): SettingsFileEntry | undefined {
  for (const level of contextChain(context)) {
    const entry = file.entries.find((e) => e.key === key && e.context === level);
    if (entry !== undefined) return entry;
  }
  return undefined;
}
