import { JsonNumber } from './json-number.js';

// JSON.rawJSON (Node 21+) is not in TypeScript 5.9's lib yet.
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

// Go's encoder escapes these inside strings so JSON can be embedded in HTML/JS.
const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Compact JSON with Go `encoding/json` output conventions. JsonNumber values are written as
 * their text; the characters of GO_ESCAPES only ever occur inside strings, so replacing them
 * in the output is safe.
 */
export function stringifyLikeGo(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    item instanceof JsonNumber ? rawJson(item.source) : item,
  );
  return text.replace(/[<>&\u2028\u2029]/g, (char) => GO_ESCAPES[char]!);
}
