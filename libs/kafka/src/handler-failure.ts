/**
 * What a consumer's eachBatch throws when the product's handler failed: kafkajs gives a
 * consumer up for good (CRASH, restart=false) when the error it gets is, or is caused by, one
 * it counts as non-retriable — a TypeError or RangeError, or a Kafka error such as
 * TOPIC_AUTHORIZATION_FAILED from a send inside the handler. A handler's failure only means
 * "try these records again", so kafkajs gets a retriable error with no `cause` (it follows the
 * cause chain to decide); the handler's own error stays in `failure`.
 */
export class HandlerFailure extends Error {
  override readonly name = 'HandlerFailure';
  readonly retriable = true;

  constructor(readonly failure: unknown) {
    super(`handler failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

/** Runs a handler; whatever it throws reaches kafkajs as a HandlerFailure. */
export async function asRetriable<T>(handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    throw error instanceof HandlerFailure ? error : new HandlerFailure(error);
  }
}
