/**
 * IP addresses as 32-bit words, most significant first: one word for IPv4, four for IPv6.
 * Strict parsers (no leading zeros in IPv4 parts, no zones, no whitespace), hand-written so a
 * lookup from text costs well under a microsecond.
 */

export type IpFamily = 4 | 6;

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;

/** `a.b.c.d` → the address as an unsigned 32-bit number, or undefined. */
export function parseIPv4(text: string, start = 0, end = text.length): number | undefined {
  let value = 0;
  let parts = 0;
  let part = -1;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= CHAR_0 && c <= CHAR_9) {
      if (digits > 0 && part === 0) return undefined; // leading zero, e.g. 010
      part = digits === 0 ? c - CHAR_0 : part * 10 + (c - CHAR_0);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === CHAR_DOT) {
      if (digits === 0 || parts === 3) return undefined;
      value = value * 256 + part;
      parts++;
      digits = 0;
      part = -1;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || parts !== 3) return undefined;
  return value * 256 + part;
}

/** Value of each hex digit by character code, -1 for anything else (one load per character). */
const HEX_VALUE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let d = 0; d < 10; d++) table[CHAR_0 + d] = d;
  for (let d = 0; d < 6; d++) table[97 + d] = table[65 + d] = 10 + d;
  return table;
})();

function hexDigit(c: number): number {
  return c < 128 ? HEX_VALUE[c]! : -1;
}

/**
 * An IPv6 address in any RFC 4291 text form (`::`, embedded IPv4) → eight 16-bit groups in
 * `out`; false when the text is not one. No allocation: lookups parse on the hot path.
 */
function parseIPv6Into(out: Uint16Array, text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  let count = 0;
  let gapAt = -1;
  let i = start;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gapAt = 0;
    i += 2;
  }
  while (i < end) {
    let j = i;
    let group = 0;
    while (j < end && j - i < 5) {
      const d = hexDigit(text.charCodeAt(j));
      if (d < 0) break;
      group = group * 16 + d;
      j++;
    }
    if (j < end && text.charCodeAt(j) === CHAR_DOT) {
      // Embedded IPv4 in the last 32 bits.
      const v4 = parseIPv4(text, i, end);
      if (v4 === undefined || count > 6) return false;
      out[count++] = Math.floor(v4 / 65536);
      out[count++] = v4 & 0xffff;
      i = end;
      break;
    }
    const length = j - i;
    if (length === 0 || length > 4 || count === 8) return false;
    out[count++] = group;
    if (j === end) {
      i = end;
      break;
    }
    if (text.charCodeAt(j) !== 58) return false;
    if (text.charCodeAt(j + 1) === 58) {
      if (gapAt >= 0) return false;
      gapAt = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return false; // trailing single colon
    }
  }
  if (gapAt < 0) return count === 8;
  if (count > 7) return false;
  const shift = 8 - count;
  for (let k = count - 1; k >= gapAt; k--) out[k + shift] = out[k]!;
  for (let k = gapAt; k < gapAt + shift; k++) out[k] = 0;
  return true;
}

const scratch = new Uint16Array(8);

export function parseIPv6(text: string, start = 0, end = text.length): number[] | undefined {
  if (!parseIPv6Into(scratch, text, start, end)) return undefined;
  const g = scratch;
  return [
    g[0]! * 65536 + g[1]!,
    g[2]! * 65536 + g[3]!,
    g[4]! * 65536 + g[5]!,
    g[6]! * 65536 + g[7]!,
  ];
}

/** ::ffff:a.b.c.d — an IPv4 address written as IPv6. */
export function isIPv4Mapped(words: readonly number[]): boolean {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
}

export function formatIPv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** RFC 5952 text: lower case, the longest run (≥ 2) of zero groups compressed to `::`. */
export function formatIPv6(words: readonly number[]): string {
  const groups: number[] = [];
  for (const word of words) groups.push(word >>> 16, word & 0xffff);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** The first `length` bits of `words`, the rest cleared. */
export function maskWords(words: readonly number[], length: number): number[] {
  const out = new Array<number>(words.length);
  for (let w = 0; w < words.length; w++) {
    const bits = Math.min(32, Math.max(0, length - 32 * w));
    out[w] = bits === 0 ? 0 : bits === 32 ? words[w]! : (words[w]! & (~0 << (32 - bits))) >>> 0;
  }
  return out;
}
