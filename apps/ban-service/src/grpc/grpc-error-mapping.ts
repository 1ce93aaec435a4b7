import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { BanReasonError, BanTargetError } from '@teranode-p2p/ban-rules';
import {
  grpcError,
  invalidArgument,
  resourceExhausted,
  unavailable,
} from '@teranode-p2p/service-runtime';
import type { Logger } from 'pino';
import { BadBanRequestError, BanServiceBusyError } from '../bans/ban-request-errors.js';
import { BanTableFullError } from '../persistence/ban-bounds.js';
import { AlreadyBannedError } from '../persistence/ban-store.js';

/** A failure as the gRPC status the caller sees: what was wrong, or that the store is down. */
export function toGrpcError(error: unknown, logger: Logger, rpc: string): Error {
  if (error instanceof RpcException) return error;
  if (
    error instanceof BanTargetError ||
    error instanceof BanReasonError ||
    error instanceof BadBanRequestError
  ) {
    return invalidArgument(error.message);
  }
  if (error instanceof AlreadyBannedError) return grpcError(status.ALREADY_EXISTS, error.message);
  if (error instanceof BanTableFullError || error instanceof BanServiceBusyError) {
    return resourceExhausted(error.message);
  }
  logger.error({ err: error, rpc }, `${rpc} failed`);
  if (isDataException(error)) {
    // The same values would be refused again: not an outage to retry, but the request's fault.
    const reason = (error as Error).message.slice(0, 120);
    return invalidArgument(`${rpc}: the ban store refused a value (${reason})`);
  }
  return unavailable(`${rpc} failed: the ban store is unavailable (${(error as Error).message})`);
}

/** Runs a handler and turns its failure into a gRPC status. */
export async function answer<T>(
  logger: Logger,
  rpc: string,
  run: () => Promise<T> | T,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toGrpcError(error, logger, rpc);
  }
}

/** PostgreSQL's class 22 (data exception: a value the column cannot hold, e.g. U+0000 in text). */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && code.startsWith('22');
}
