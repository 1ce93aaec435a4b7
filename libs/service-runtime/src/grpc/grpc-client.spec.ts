import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { ban_service } from '@teranode-p2p/contracts';
import { freePort, serveGrpc } from '@teranode-p2p/testing';
import {
  GrpcCallError,
  grpcClient,
  unaryCall,
  type CallSettings,
  type GrpcRetrySettings,
} from './grpc-client.js';

type Answer = { code: status; details: string } | 'ok' | 'hang';

const unavailable = (details = 'overloaded'): Answer => ({ code: status.UNAVAILABLE, details });
const retry = (grpc_max_retries: number, grpc_retry_backoff = 20): GrpcRetrySettings => ({
  grpc_max_retries,
  grpc_retry_backoff,
});

describe('unaryCall', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  /**
   * A real ban-service on 127.0.0.1 (on `port`, or a free one) whose AddScore and GetScore give
   * the next of `answers` (then OK), recording every call that reached it with its x-api-key.
   */
  async function banService(answers: Answer[] = [], port?: number) {
    const calls: { method: string; apiKey: unknown }[] = [];
    const handler =
      (method: string) =>
      (call: ServerUnaryCall<{ peer_id: string }, unknown>, reply: sendUnaryData<unknown>) => {
        calls.push({ method, apiKey: call.metadata.get('x-api-key')[0] });
        const answer = answers.shift() ?? 'ok';
        if (answer === 'hang') return;
        if (answer !== 'ok') return reply(answer);
        reply(null, {
          peer_id: call.request.peer_id,
          score: calls.length,
          banned: false,
          banned_until: '0',
          recent_reasons: [],
        });
      };
    const served = await serveGrpc(
      (s) =>
        s.addService(ban_service.BanServiceService, {
          addScore: handler('addScore'),
          getScore: handler('getScore'),
        }),
      port,
    );
    cleanups.push(() => served.server.forceShutdown());
    return { calls, port: served.port };
  }

  /** A client of `port` whose calls count their attempts. */
  function client(port: number, settings: GrpcRetrySettings = retry(0)) {
    const c = grpcClient(ban_service.BanServiceClient, `127.0.0.1:${port}`, {
      security_level_grpc: 0,
      server_certFile: undefined,
      server_keyFile: undefined,
      ...settings,
    });
    cleanups.push(() => c.close());
    let attempts = 0;
    const counted =
      <M extends (...args: never[]) => unknown>(method: M) =>
      (...args: Parameters<M>) => {
        attempts++;
        return method(...args) as ReturnType<M>;
      };
    const addScore = counted(c.addScore.bind(c));
    const getScore = counted(c.getScore.bind(c));
    return {
      addScore: (call: CallSettings) =>
        unaryCall('ban-service', addScore, { peer_id: 'p', reason: 'spam' }, call),
      getScore: (call: CallSettings, peer_id = 'p') =>
        unaryCall('ban-service', getScore, { peer_id }, call),
      attempts: () => attempts,
      client: c,
    };
  }

  it('retries a read that a server answered UNAVAILABLE, up to grpc_max_retries times', async () => {
    const server = await banService([unavailable(), unavailable()]);
    const { getScore } = client(server.port);
    await expect(
      getScore({ timeoutMs: 5000, retry: retry(2), idempotent: true }),
    ).resolves.toMatchObject({ score: 3 });
    expect(server.calls).toHaveLength(3);
  });

  it('does not retry a mutation that a server answered UNAVAILABLE: it may have acted on it', async () => {
    const server = await banService([
      unavailable(),
      // a server relaying grpc-js's own text is still a server that answered
      unavailable('ban-service did not answer: No connection established. Last error: x'),
    ]);
    const { addScore } = client(server.port);
    const call = { timeoutMs: 5000, retry: retry(5) };
    const first = await addScore(call).catch((e: GrpcCallError) => e);
    expect(first).toBeInstanceOf(GrpcCallError);
    expect(first).toMatchObject({ code: status.UNAVAILABLE, unsent: false, transient: true });
    expect((first as Error).message).toBe('ban-service: UNAVAILABLE: overloaded');
    await expect(addScore(call)).rejects.toMatchObject({ unsent: false });
    expect(server.calls).toHaveLength(2);
  });

  it('takes grpc_max_retries from the settings: more retries, more attempts', async () => {
    for (const [grpc_max_retries, outcome, calls] of [
      ['2', 'rejects', 3],
      ['3', 'resolves', 4],
    ] as const) {
      const settings = loadSettings({
        env: { grpc_max_retries, grpc_retry_backoff: '10ms' },
        only: ['grpc_max_retries', 'grpc_retry_backoff'],
      });
      const server = await banService([unavailable(), unavailable(), unavailable()]);
      const { getScore } = client(server.port, settings);
      const result = getScore({ timeoutMs: 5000, retry: settings, idempotent: true });
      await (outcome === 'rejects'
        ? expect(result).rejects.toMatchObject({ code: status.UNAVAILABLE })
        : expect(result).resolves.toMatchObject({ score: 4 }));
      expect(server.calls).toHaveLength(calls);
    }
  });

  it('retries a mutation no server saw: the call lands once the service listens', async () => {
    const port = await freePort();
    const { addScore, attempts } = client(port, retry(40, 100));
    const result = addScore({ timeoutMs: 10_000, retry: retry(40, 100), apiKey: 'key' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const server = await banService([], port);
    await expect(result).resolves.toMatchObject({ peer_id: 'p' });
    expect(attempts()).toBeGreaterThan(1);
    expect(server.calls).toEqual([{ method: 'addScore', apiKey: 'key' }]);
  });

  it('against a port nobody listens on: grpc_max_retries retries, then the unsent UNAVAILABLE', async () => {
    const port = await freePort();
    for (const retries of [0, 3]) {
      const { addScore, attempts } = client(port);
      const error = await addScore({ timeoutMs: 10_000, retry: retry(retries) }).catch(
        (e: GrpcCallError) => e,
      );
      expect(error).toMatchObject({ code: status.UNAVAILABLE, unsent: true, transient: true });
      // grpc-js's own text, without its empty "Resolution note: " and "Error: " prefix.
      expect((error as Error).message).toMatch(
        /^ban-service: UNAVAILABLE: No connection established(\. Last error: connect ECONNREFUSED 127\.0\.0\.1:\d+)?$/,
      );
      expect(attempts()).toBe(retries + 1);
    }
  });

  it('with its client: retries wait for the channel to reconnect, not every grpc_retry_backoff', async () => {
    const port = await freePort();
    const down = client(port, retry(40, 20));
    const started = Date.now();
    const error = await down
      .addScore({ timeoutMs: 1500, retry: retry(40, 20), client: down.client })
      .catch((e: GrpcCallError) => e);
    expect(error).toMatchObject({ code: status.UNAVAILABLE, unsent: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    // Reconnection backs off from 100 ms (×1.6, jittered): about 5 attempts in 1.5 s, where a
    // fixed 20 ms pace would make up to 41.
    expect(down.attempts()).toBeLessThanOrEqual(10);

    const later = client(port, retry(40, 20));
    const result = later.addScore({
      timeoutMs: 10_000,
      retry: retry(40, 20),
      client: later.client,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const server = await banService([], port);
    await expect(result).resolves.toMatchObject({ peer_id: 'p' });
    expect(server.calls).toHaveLength(1);
  });

  it('stops retrying when the next wait would pass the deadline of the whole call', async () => {
    const { addScore, attempts } = client(await freePort());
    const started = Date.now();
    await expect(addScore({ timeoutMs: 500, retry: retry(40, 200) })).rejects.toMatchObject({
      code: status.UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(attempts()).toBeLessThanOrEqual(3);
  });

  it('never retries DEADLINE_EXCEEDED, even for a read: no time is left', async () => {
    const server = await banService(['hang']);
    const { getScore } = client(server.port);
    await expect(
      getScore({ timeoutMs: 300, retry: retry(5), idempotent: true }),
    ).rejects.toMatchObject({ code: status.DEADLINE_EXCEEDED, transient: true });
    expect(server.calls).toHaveLength(1);
  });

  it("never retries a request over the server's message size: it will not fit later either", async () => {
    const server = await banService();
    const { getScore, attempts } = client(server.port);
    await expect(
      getScore({ timeoutMs: 5000, retry: retry(5), idempotent: true }, 'x'.repeat(5 * 1024 * 1024)),
    ).rejects.toMatchObject({ code: status.RESOURCE_EXHAUSTED, transient: false });
    expect(attempts()).toBe(1);
    expect(server.calls).toHaveLength(0);
    expect(new GrpcCallError('s', status.RESOURCE_EXHAUSTED, 'ban table full').transient).toBe(
      true,
    );
  });

  it('sends x-api-key only when it is given', async () => {
    const server = await banService([]);
    const { getScore } = client(server.port);
    await getScore({ timeoutMs: 5000, retry: retry(0) });
    await getScore({ timeoutMs: 5000, retry: retry(0), apiKey: 'secret' });
    expect(server.calls.map((c) => c.apiKey)).toEqual([undefined, 'secret']);
  });
});
