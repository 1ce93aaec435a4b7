import { stringify } from 'yaml';

/** Go's notion of an empty value: false, 0, "", nil, and empty lists and maps. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function indentLines(spaces: unknown, text: unknown): string {
  if (typeof spaces !== 'number') throw new Error('indent width must be a number');
  const pad = ' '.repeat(spaces);
  return pad + String(text).replaceAll('\n', `\n${pad}`);
}

/** The Helm/Sprig functions the chart uses, with Helm's argument order (piped value last). */
export const templateFunctions: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  quote: (...values) =>
    values
      .filter((value) => value !== undefined && value !== null)
      .map((value) => JSON.stringify(String(value)))
      .join(' '),
  toYaml: (value) => stringify(value ?? null, { lineWidth: 0 }).replace(/\n$/, ''),
  indent: indentLines,
  nindent: (spaces, text) => `\n${indentLines(spaces, text)}`,
  default: (fallback, value) => (isEmpty(value) ? fallback : value),
  not: (value) => isEmpty(value),
};
