import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';

/** A gRPC error with a status code and a message that says what to fix. */
export function grpcError(code: status, message: string): RpcException {
  return new RpcException({ code, message });
}

export const invalidArgument = (message: string) => grpcError(status.INVALID_ARGUMENT, message);
export const notFound = (message: string) => grpcError(status.NOT_FOUND, message);
export const unauthenticated = (message: string) => grpcError(status.UNAUTHENTICATED, message);
export const resourceExhausted = (message: string) => grpcError(status.RESOURCE_EXHAUSTED, message);
export const unavailable = (message: string) => grpcError(status.UNAVAILABLE, message);
