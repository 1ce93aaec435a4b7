import { credentials } from '@grpc/grpc-js';
import { Module, type OnModuleInit } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { grpc_health } from '@teranode-p2p/contracts';
import { freePort } from '@teranode-p2p/testing';
import {
  grpcServerOptions,
  NotReadyError,
  ReadinessRegistry,
  startService,
  type RunningService,
} from '../src/index.js';

const state = { peers: 0 };

@Module({})
class PeersModule implements OnModuleInit {
  constructor(private readonly readiness: ReadinessRegistry) {}

  onModuleInit(): void {
    this.readiness.register(
      'peers',
      async () => {
        if (state.peers < 2)
          throw new NotReadyError(`${state.peers} peers, fewer than 2`, {
            peers: state.peers,
            minPeers: 2,
            status: 'ignored: the outcome decides the status',
          });
        return { peers: state.peers, minPeers: 2 };
      },
      { grpcServing: false },
    );
  }
}

describe('readiness details and the gRPC serving status', () => {
  let service: RunningService;
  let health: grpc_health.HealthClient;

  beforeAll(async () => {
    const port = await freePort();
    service = await startService(
      {
        name: 'readiness-details',
        module: () => ({ module: PeersModule }),
        http: () => ({ host: '127.0.0.1', port: 0 }),
        grpc: () => [grpcServerOptions(`127.0.0.1:${port}`, [])],
      },
      loadSettings({ env: { log_level: 'silent' } }),
    );
    health = new grpc_health.HealthClient(`127.0.0.1:${port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    health?.close();
    await service?.close();
  });

  const grpcStatus = () =>
    new Promise<number>((resolve, reject) =>
      health.check({ service: '' }, (error, response) =>
        error ? reject(error) : resolve(response.status),
      ),
    );

  it('shows the details of a NotReadyError next to its message; the gRPC status ignores it', async () => {
    const down = await fetch(`${service.httpUrl}/health/readiness`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: unknown }).error).toEqual({
      peers: {
        status: 'down',
        message: '0 peers, fewer than 2',
        peers: 0,
        minPeers: 2,
        responseTime: expect.any(Number),
      },
    });
    expect(await grpcStatus()).toBe(grpc_health.HealthCheckResponse_ServingStatus.SERVING);

    state.peers = 2;
    const up = await fetch(`${service.httpUrl}/health/readiness`);
    expect(up.status).toBe(200);
    expect(((await up.json()) as { info: unknown }).info).toMatchObject({
      peers: { status: 'up', peers: 2, minPeers: 2 },
    });
  });
});
