import { afterEach, describe, expect, it } from '@jest/globals';
import { WebSocketServer } from 'ws';
import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';
import { watch } from './watch-command.js';

describe('p2pctl watch', () => {
  const servers: WebSocketServer[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  /** A feed on 127.0.0.1 that sends one block, then does what `then` says. */
  async function feed(then: (socket: import('ws').WebSocket) => void) {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      socket.send(JSON.stringify({ timestamp: 't', type: 'block', hash: 'h', height: 7 }));
      then(socket);
    });
    const lines: string[] = [];
    const ctx = {
      gatewayUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      json: false,
      output: { out: (line: string) => lines.push(line) },
    } as unknown as CommandContext;
    return { ctx, lines };
  }

  it('ends with the reason and a failure exit when the gateway closes the feed', async () => {
    const { ctx, lines } = await feed((socket) =>
      setTimeout(() => socket.close(1001, 'ws-gateway shutting down'), 50),
    );
    const failure = (await watch(ctx).catch((error: unknown) => error)) as CommandError;
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure.message).toMatch(
      /^ws-gateway at ws:\/\/127\.0\.0\.1:\d+ closed the feed \(code 1001: ws-gateway shutting down\)$/,
    );
    expect(failure.exitCode).toBe(EXIT.unreachable);
    expect(lines).toEqual(['t  block  h  height 7']);
  });

  it('ends quietly when it is stopped', async () => {
    const { ctx, lines } = await feed(() => undefined);
    const stop = new AbortController();
    const watching = watch(ctx, undefined, stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    await expect(watching).resolves.toBeUndefined();
    expect(lines).toHaveLength(1);
  });
});
