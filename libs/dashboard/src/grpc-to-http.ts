import { status } from '@grpc/grpc-js';
import { HttpException } from '@nestjs/common';

/** A failed gRPC call as an HTTP error for the dashboard's JSON API: `{ "error": "…" }`. */
export function httpErrorFrom(
  error: { code: number; details: string; message: string; unsent?: boolean },
  service: string,
): HttpException {
  const details = error.details || error.message;
  const http: Record<number, number> = {
    [status.INVALID_ARGUMENT]: 400,
    [status.ALREADY_EXISTS]: 409,
    [status.RESOURCE_EXHAUSTED]: 429,
    [status.UNAUTHENTICATED]: 401,
    [status.PERMISSION_DENIED]: 403,
    [status.NOT_FOUND]: 404,
    [status.UNIMPLEMENTED]: 501,
    [status.UNAVAILABLE]: 502,
    [status.DEADLINE_EXCEEDED]: 504,
  };
  const code = http[error.code] ?? 500;
  const message =
    code === 502
      ? `${service} ${error.unsent ? 'is unreachable' : 'cannot serve the call now'}: ${details}`
      : code === 504
        ? `${service} did not answer in time: ${details}`
        : `${service}: ${details}`;
  return new HttpException({ error: message }, code);
}
