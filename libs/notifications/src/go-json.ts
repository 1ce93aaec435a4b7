/**
 * JSON text exactly as Go's encoding/json writes it, for the values notificationMsg holds.
 * Go escapes `<`, `>`, `&`, U+2028 and U+2029 where JSON.stringify does not; numbers use the
 * same shortest form and switch to exponent notation at the same thresholds (1e-6, 1e21).
 */

const GO_EXTRA_ESCAPES = /[<>&\u2028\u2029]/g;

function escapeLikeGo(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(GO_EXTRA_ESCAPES, escapeLikeGo);
}
