import { status } from '@grpc/grpc-js';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  unreachable: 3,
  unauthorized: 4,
  notFound: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that already says what to fix, with the exit code it ends the command with. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** The gRPC status it came from, if any. */
    readonly grpcCode?: status,
  ) {
    super(message);
  }
}

/** Turns a gRPC failure into what the operator should do about it. */
export function fromGrpcError(
  error: { code?: number; details?: string; message: string; unsent?: boolean },
  service: string,
  address: string,
): CommandError {
  const details = error.details || error.message;
  const fail = (message: string, exitCode: ExitCode) =>
    new CommandError(message, exitCode, error.code);
  switch (error.code) {
    case status.UNAVAILABLE:
      // A service that answers UNAVAILABLE runs but cannot serve now (e.g. its database is away).
      return fail(
        error.unsent
          ? `${service} at ${address} is unreachable (${details}); check the address and that it runs`
          : `${service} at ${address} cannot serve the call now: ${details} (its log and /health/readiness say more)`,
        EXIT.unreachable,
      );
    case status.DEADLINE_EXCEEDED:
      return fail(
        `${service} at ${address} did not answer in time (${details}); check the address and that it runs, or give a longer --timeout`,
        EXIT.unreachable,
      );
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return fail(
        `${service} refused the call: ${details} (pass --api-key or set grpc_admin_api_key)`,
        EXIT.unauthorized,
      );
    case status.INVALID_ARGUMENT:
    case status.FAILED_PRECONDITION:
    case status.OUT_OF_RANGE:
    case status.ALREADY_EXISTS:
    case status.RESOURCE_EXHAUSTED:
      return fail(`${service}: ${details}`, EXIT.usage);
    case status.NOT_FOUND:
      return fail(`${service}: ${details}`, EXIT.notFound);
    default:
      return fail(`${service} failed: ${details}`, EXIT.failed);
  }
}
