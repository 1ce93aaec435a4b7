import { settingDefinitions, type Settings } from '@teranode-p2p/config';

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
export const SECRET_LOG_KEYS = [
  'p2p_private_key',
  'p2p_shared_key',
  'grpc_admin_api_key',
  'privateKey',
  'sharedKey',
  'apiKey',
  'api_key',
  'x-api-key',
  'authorization',
  'password',
  'DATABASE_URL',
];

export const REDACTED = '[redacted]';
/** Nesting kept in a logged object; anything deeper is cut (and cycles are cut at once). */
export const MAX_LOG_DEPTH = 8;
/** Shorter secret values are not searched for in text: they would mask ordinary words. */
const MIN_MASKED_LENGTH = 4;

const secretKeys = new Set(SECRET_LOG_KEYS.map((k) => k.toLowerCase()));

/**
 * A copy of a logged object with the value under every secret key replaced, at any depth.
 * Objects below MAX_LOG_DEPTH and repeated references become a marker instead of being
 * walked. Errors are kept as they are for pino's serializer (their text is masked later).
 */
export function redactSecretKeys(value: unknown, depth = 0, path = new Set<object>()): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Error) return value;
  if (path.has(value)) return '[circular]';
  if (depth >= MAX_LOG_DEPTH) return '[too deep]';
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactSecretKeys(toJSON.call(value), depth, path);
  path.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactSecretKeys(item, depth + 1, path));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = secretKeys.has(key.toLowerCase())
        ? REDACTED
        : redactSecretKeys(item, depth + 1, path);
    }
    return copy;
  } finally {
    path.delete(value);
  }
}

// scheme://user:password@ — the password may hold JSON escapes (\" \\) in a log line.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/:@"\\]*:)((?:[^\s/@"\\]|\\.)+)@/gi;

/** Hex keys are also found by fragment: a message that cuts a key short must not show its seed. */
const HEX_FRAGMENT = 16;
const HEX_RUN = new RegExp(`[0-9a-f]{${HEX_FRAGMENT},}`, 'gi');

/**
 * Masks, in a finished log line, the password of every URL and every occurrence of the given
 * secret values (as they appear inside a JSON string), so a secret inside a message, an error
 * or a field under any name does not reach the log. A run of hex digits sharing 16 digits with
 * a hex secret is masked whole.
 */
export function lineMasker(secrets: readonly string[]): (line: string) => string {
  const unique = [...new Set(secrets)].filter((s) => s.length >= MIN_MASKED_LENGTH);
  const isHexKey = (s: string) => s.length >= 2 * HEX_FRAGMENT && /^[0-9a-f]+$/i.test(s);
  const fragments = new Set<string>();
  for (const key of unique.filter(isHexKey)) {
    for (let i = 0; i + HEX_FRAGMENT <= key.length; i++)
      fragments.add(key.slice(i, i + HEX_FRAGMENT).toLowerCase());
  }
  const values = unique
    .filter((s) => !isHexKey(s))
    .map((s) => JSON.stringify(s).slice(1, -1))
    .sort((a, b) => b.length - a.length);
  const pattern =
    values.length === 0 ? undefined : new RegExp(values.map(escapeRegExp).join('|'), 'gi');
  const sharesFragment = (run: string) => {
    const lower = run.toLowerCase();
    for (let i = 0; i + HEX_FRAGMENT <= lower.length; i++)
      if (fragments.has(lower.slice(i, i + HEX_FRAGMENT))) return true;
    return false;
  };
  return (line) => {
    let masked = line.replace(URL_PASSWORD, '$1***@');
    if (pattern) masked = masked.replace(pattern, REDACTED);
    if (fragments.size > 0)
      masked = masked.replace(HEX_RUN, (run) => (sharesFragment(run) ? REDACTED : run));
    return masked;
  };
}

/**
 * The text of every secret setting that is set: whole secrets (keys, the admin API key) as
 * written in the settings, and the password of URL settings (when it is not the user name,
 * which is shown anyway).
 */
export function secretSettingValues(settings: Partial<Settings>): string[] {
  const values: string[] = [];
  const given = settings as Record<string, unknown>;
  for (const definition of settingDefinitions) {
    const value = given[definition.key];
    if (definition.secret === undefined || value === undefined || value === null) continue;
    const text = definition.kind.format(value as never);
    if (definition.secret === 'whole') {
      values.push(text);
      continue;
    }
    const url = URL.parse(text);
    if (url && url.password !== '' && url.password !== url.username) {
      values.push(url.password, safeDecode(url.password));
    }
  }
  return values;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
