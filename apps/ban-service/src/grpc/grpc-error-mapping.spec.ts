import { status } from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import type { RpcException } from '@nestjs/microservices';
import pino from 'pino';
import { toGrpcError } from './grpc-error-mapping.js';

const logger = pino({ level: 'silent' });
const grpcOf = (error: Error) =>
  (error as RpcException).getError() as { code: number; message: string };

describe('toGrpcError', () => {
  it('answers a value PostgreSQL refuses (class 22) as INVALID_ARGUMENT, not as an outage', () => {
    const refused = Object.assign(new Error(`invalid input syntax: "${'x'.repeat(5000)}"`), {
      code: '22P02',
    });
    const answer = grpcOf(toGrpcError(refused, logger, 'ApplyGossip'));
    expect(answer.code).toBe(status.INVALID_ARGUMENT);
    expect(answer.message).toMatch(/^ApplyGossip: the ban store refused a value \(invalid input/);
    expect(answer.message.length).toBeLessThan(200);
  });

  it('answers a lost connection as UNAVAILABLE', () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), {
      code: '57P01',
    });
    expect(grpcOf(toGrpcError(lost, logger, 'Get')).code).toBe(status.UNAVAILABLE);
    expect(grpcOf(toGrpcError(new Error('ECONNREFUSED'), logger, 'Get')).code).toBe(
      status.UNAVAILABLE,
    );
  });
});
