import { quoteInput } from './quote-input.js';

/**
 * Masks for secret values, used in error messages, `redactedSettings` and anything else that
 * may be logged. A mask keeps only what helps an operator spot a mistake (the length).
 */

/** `whole`: nothing of the value may be shown; `url-password`: only the URL's password is hidden. */
export type SecretKind = 'whole' | 'url-password';

/** `<128 hex chars, redacted>` or `<7 chars, redacted>`. */
export function redactWhole(text: string): string {
  const what = /^[0-9a-fA-F]+$/.test(text) ? 'hex chars' : 'chars';
  return `<${text.length} ${what}, redacted>`;
}

/**
 * Hides the password of a URL (`postgres://user:***@host/db`), also in malformed URLs: when in
 * doubt it masks more than the password, never less.
 */
export function redactUrlPassword(text: string): string {
  const schemeEnd = text.indexOf('://');
  const authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
  const rest = text.slice(authorityStart);
  const at = rest.lastIndexOf('@');
  if (at < 0) return text;
  if (schemeEnd < 0) return `***${rest.slice(at)}`;
  const userInfo = rest.slice(0, at);
  const colon = userInfo.indexOf(':');
  if (colon < 0) return text;
  return `${text.slice(0, authorityStart)}${userInfo.slice(0, colon)}:***${rest.slice(at)}`;
}

const MAX_SHOWN_LENGTH = 160;

/**
 * How a setting's text appears in a one-line message: JSON-quoted (so control characters and
 * line breaks stay escaped), shortened when very long, and masked when secret.
 */
export function displayValue(text: string, secret: SecretKind | undefined): string {
  if (secret === 'whole') return redactWhole(text);
  return quoteInput(secret === 'url-password' ? redactUrlPassword(text) : text, MAX_SHOWN_LENGTH);
}

/** The text of a setting for safe logging (unquoted). */
export function redactText(text: string, secret: SecretKind | undefined): string {
  if (secret === 'whole') return redactWhole(text);
  return secret === 'url-password' ? redactUrlPassword(text) : text;
}
