import { describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { EXIT, fromGrpcError } from './exit-codes.js';

const AT = 'ban-service at 10.0.0.7:9907';
const DB_DOWN = 'Ban failed: the ban store is unavailable (connect ECONNREFUSED 127.0.0.1:5432)';

describe('fromGrpcError', () => {
  it.each([
    [
      'UNAVAILABLE with no connection: unreachable, check the address',
      { code: status.UNAVAILABLE, details: 'No connection established', unsent: true },
      `${AT} is unreachable (No connection established); check the address and that it runs`,
    ],
    [
      'UNAVAILABLE answered by the service: it runs but cannot serve now, and where to look',
      { code: status.UNAVAILABLE, details: DB_DOWN, unsent: false },
      `${AT} cannot serve the call now: ${DB_DOWN} (its log and /health/readiness say more)`,
    ],
    [
      'DEADLINE_EXCEEDED: did not answer in time',
      { code: status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' },
      `${AT} did not answer in time (Deadline exceeded); check the address and that it runs, or give a longer --timeout`,
    ],
  ])('%s', (_, error, message) => {
    const refusal = fromGrpcError({ ...error, message: '' }, 'ban-service', '10.0.0.7:9907');
    expect(refusal.message).toBe(message);
    expect(refusal.exitCode).toBe(EXIT.unreachable);
  });
});
