import { describe, expect, it } from '@jest/globals';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { createJsonLogger } from '../json-logger.js';
import { logGrpcJsMessages } from './grpc-js-log.js';

describe('logGrpcJsMessages', () => {
  it("writes grpc-js's own error lines as the service's JSON warnings", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    logGrpcJsMessages(createJsonLogger('test-service', 'info', sink));
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const port = (occupant.address() as { port: number }).port;
    const server = new Server();
    try {
      const bound = await new Promise<Error | null>((resolve) =>
        server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error) =>
          resolve(error),
        ),
      );
      expect(bound).toBeInstanceOf(Error);
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries).toContainEqual(
        expect.objectContaining({
          level: 40,
          service: 'test-service',
          component: 'grpc-js',
          msg: expect.stringContaining('No address added'),
        }),
      );
    } finally {
      server.forceShutdown();
      occupant.close();
    }
  });
});
