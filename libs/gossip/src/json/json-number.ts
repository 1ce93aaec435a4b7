/**
 * A JSON number kept as its source text, so integer fields can be checked the way Go's
 * strconv.ParseUint/ParseInt check them (no fraction, no exponent, no precision loss).
 */
export class JsonNumber {
  constructor(readonly source: string) {}
}

/** JSON.parse with every number replaced by a JsonNumber (Node's reviver source access). */
export function parseJsonKeepingNumbers(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' ? new JsonNumber(context?.source ?? String(value)) : value,
  );
}
