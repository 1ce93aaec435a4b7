import { setLogger } from '@grpc/grpc-js';
import { format } from 'node:util';
import type { Logger } from 'pino';

/**
 * grpc-js's own messages as the service's JSON log lines instead of its plain `E …` lines on
 * stderr, which log collectors cannot parse. Its errors are warnings here: each one it reports
 * (e.g. `No address added out of total 1 resolved` when the port is taken) surfaces again in
 * the caller that handles it, which logs the outcome with the address and setting.
 * `GRPC_VERBOSITY` / `GRPC_TRACE` still choose what grpc-js says; `log_level` what is kept.
 */
export function logGrpcJsMessages(logger: Logger): void {
  const grpcLogger = logger.child({ component: 'grpc-js' });
  setLogger({
    error: (...parts: unknown[]) => grpcLogger.warn(format(...parts)),
    info: (...parts: unknown[]) => grpcLogger.info(format(...parts)),
    debug: (...parts: unknown[]) => grpcLogger.debug(format(...parts)),
  });
}
