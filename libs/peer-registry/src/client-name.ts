/** Untrusted client names are cut to this many UTF-8 bytes before cleaning. */
export const MAX_CLIENT_NAME_BYTES = 128;

const PRINTABLE_ASCII_FIRST = 0x20;
const PRINTABLE_ASCII_LAST = 0x7e;
/** Printable ASCII that could break HTML, JSON or shell consumers. */
const MARKUP_BYTES = new Set([...'<>&\'"\\'].map((c) => c.charCodeAt(0)));
const encoder = new TextEncoder();

/**
 * Teranode's `sanitizeClientName` (§2): cut to 128 bytes (a multi-byte character cut in two
 * is dropped like any other non-ASCII), keep printable ASCII except `<>&'"\`, drop control and
 * non-ASCII characters, then trim spaces.
 */
export function cleanClientName(name: string): string {
  const bytes = encoder.encode(name).subarray(0, MAX_CLIENT_NAME_BYTES);
  let cleaned = '';
  for (const byte of bytes) {
    if (byte < PRINTABLE_ASCII_FIRST || byte > PRINTABLE_ASCII_LAST) continue;
    if (MARKUP_BYTES.has(byte)) continue;
    cleaned += String.fromCharCode(byte);
  }
  return cleaned.replace(/^ +| +$/g, '');
}
