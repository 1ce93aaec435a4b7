import { logLevel, type logCreator } from 'kafkajs';

/** A failed attempt to reach the brokers, as kafkajs reports it while it keeps retrying. */
export interface ConnectionFailure {
  readonly error: string;
  /** Attempts that failed so far in this retry sequence (1 for the first). */
  readonly attempt: number;
  /** When kafkajs tries again; undefined after the last attempt it makes. */
  readonly retryInMs: number | undefined;
}

/**
 * A kafkajs logCreator that passes on only its failures to reach a seed broker (kafkajs retries
 * them for up to a minute at start, otherwise silently) and drops the rest of its log.
 */
export function connectionFailureLog(
  retries: number,
  report: (failure: ConnectionFailure) => void,
): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      if (level !== logLevel.ERROR || namespace !== 'BrokerPool') return;
      const { message, retryCount, retryTime } = log as {
        message: string;
        retryCount?: number;
        retryTime?: number;
      };
      const prefix = 'Failed to connect to seed broker, trying another broker from the list: ';
      if (!message.startsWith(prefix)) return;
      const attempt = (retryCount ?? 0) + 1;
      report({
        error: message.slice(prefix.length),
        attempt,
        retryInMs: attempt > retries ? undefined : retryTime,
      });
    };
}
