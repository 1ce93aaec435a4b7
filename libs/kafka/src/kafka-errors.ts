/** Why the bus refused a record for good: sending it again can never succeed. */
export type RefusalReason = 'too_large' | 'invalid_record';

/** Kafka error types that refuse the records of a request rather than the request. */
const REFUSALS: Record<string, RefusalReason> = {
  MESSAGE_TOO_LARGE: 'too_large',
  RECORD_LIST_TOO_LARGE: 'too_large',
  INVALID_RECORD: 'invalid_record',
};

/** The Kafka protocol error types of an error and of every error it wraps (kafkajs nests them). */
export function kafkaErrorTypes(error: unknown): string[] {
  const types: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string') types.push(type);
    current = (current as { cause?: unknown }).cause;
  }
  return types;
}

/** The refusal an error from a send stands for, if it is one. */
export function refusalOf(error: unknown): RefusalReason | undefined {
  for (const type of kafkaErrorTypes(error)) {
    const reason = REFUSALS[type];
    if (reason) return reason;
  }
  return undefined;
}
