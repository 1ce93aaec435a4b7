const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
]);

/**
 * The metric names a PromQL expression reads: identifiers outside label matchers, ranges,
 * strings and grouping clauses that are not function calls or keywords. Throws on unbalanced
 * brackets or quotes, the typos that make Grafana show "parse error".
 */
export function promqlMetricNames(expr: string): string[] {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const char of expr.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
    if (char === '"') throw new Error(`unterminated string in ${expr}`);
    if ('([{'.includes(char)) stack.push(char);
    if (char in pairs && stack.pop() !== pairs[char])
      throw new Error(`unbalanced ${char} in ${expr}`);
  }
  if (stack.length > 0) throw new Error(`unbalanced brackets in ${expr}`);
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...stripped.matchAll(/(?<![\w.])([A-Za-z_:][\w:]*)\s*(\()?/g)]
    .filter((match) => match[2] === undefined && !KEYWORDS.has(match[1]!))
    .map((match) => match[1]!);
  return [...new Set(names)];
}
