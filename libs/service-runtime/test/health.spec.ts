import { credentials } from '@grpc/grpc-js';
import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { grpc_health } from '@teranode-p2p/contracts';
import { createDataSource } from '@teranode-p2p/database';
import { KafkaMessageBus } from '@teranode-p2p/kafka';
import {
  freePort,
  requireKafka,
  startPrivateKafka,
  startPrivatePostgres,
  uniqueName,
  waitFor,
  type PrivateServer,
} from '@teranode-p2p/testing';
import type { DataSource } from 'typeorm';
import {
  databaseCheck,
  grpcReachableCheck,
  grpcServerOptions,
  messageBusCheck,
  ReadinessRegistry,
  startService,
  type RunningService,
} from '../src/index.js';

const DEPENDENCIES = Symbol('DEPENDENCIES');

@Module({})
class DependentModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(DEPENDENCIES) private readonly deps: { dataSource: DataSource; bus: KafkaMessageBus },
  ) {}

  onModuleInit(): void {
    this.readiness.register('postgres', databaseCheck(this.deps.dataSource));
    this.readiness.register('kafka', messageBusCheck(this.deps.bus));
  }

  static with(deps: { dataSource: DataSource; bus: KafkaMessageBus }): DynamicModule {
    return { module: DependentModule, providers: [{ provide: DEPENDENCIES, useValue: deps }] };
  }
}

async function readiness(service: RunningService) {
  const response = await fetch(`${service.httpUrl}/health/readiness`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// Real PostgreSQL and a real Kafka broker of the test's own, stopped and started for real.
describe('health endpoints', () => {
  let postgres: PrivateServer;
  let kafka: PrivateServer;
  let dataSource: DataSource;
  let bus: KafkaMessageBus;
  let service: RunningService;
  let grpcHealth: grpc_health.HealthClient;

  beforeAll(async () => {
    await requireKafka();
    [postgres, kafka] = await Promise.all([
      startPrivatePostgres(),
      startPrivateKafka(19192, 19193),
    ]);
    dataSource = createDataSource({ url: postgres.address, poolSize: 2 });
    await dataSource.initialize();
    bus = new KafkaMessageBus({ brokers: [kafka.address], clientId: uniqueName('health') });
    const grpcPort = await freePort();
    service = await startService(
      {
        name: 'health-test',
        module: () => DependentModule.with({ dataSource, bus }),
        http: () => ({ host: '127.0.0.1', port: 0 }),
        grpc: () => [grpcServerOptions(`127.0.0.1:${grpcPort}`, [])],
      },
      loadSettings({ env: { log_level: 'silent' } }),
    );
    grpcHealth = new grpc_health.HealthClient(
      `127.0.0.1:${grpcPort}`,
      credentials.createInsecure(),
    );
  }, 120_000);

  afterAll(async () => {
    grpcHealth?.close();
    await service?.close();
    await dataSource?.destroy().catch(() => undefined);
    await bus?.close();
    await Promise.all([postgres?.destroy(), kafka?.destroy()]);
  }, 60_000);

  const grpcStatus = () =>
    new Promise<number>((resolve, reject) =>
      grpcHealth.check({ service: '' }, (error, response) =>
        error ? reject(error) : resolve(response.status),
      ),
    );

  it('answers 200 on readiness and SERVING on grpc.health.v1 when every dependency is up', async () => {
    const ready = await readiness(service);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
    expect(await grpcStatus()).toBe(grpc_health.HealthCheckResponse_ServingStatus.SERVING);
  });

  it('answers 503 naming PostgreSQL while it is stopped, and 200 again once it is back', async () => {
    await postgres.stop();
    const down = await readiness(service);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', error: { postgres: { status: 'down' } } });
    expect(Object.keys(down.body['error'] as object)).toEqual(['postgres']);
    expect(await grpcStatus()).toBe(grpc_health.HealthCheckResponse_ServingStatus.NOT_SERVING);

    const live = await fetch(`${service.httpUrl}/health/liveness`);
    expect(live.status).toBe(200);

    await postgres.start();
    await waitFor(
      'readiness after PostgreSQL restarted',
      async () => (await readiness(service)).status === 200,
      {
        timeoutMs: 20_000,
        intervalMs: 500,
      },
    );
  }, 60_000);

  it('answers 503 naming Kafka while the broker is stopped, and 200 again once it is back', async () => {
    await kafka.stop();
    const down = await readiness(service);
    expect(down.status).toBe(503);
    expect(Object.keys(down.body['error'] as object)).toEqual(['kafka']);
    expect(JSON.stringify(down.body)).toContain(`Kafka brokers ${kafka.address} unreachable`);

    await kafka.start();
    await waitFor(
      'readiness after Kafka restarted',
      async () => (await readiness(service)).status === 200,
      {
        timeoutMs: 30_000,
        intervalMs: 500,
      },
    );
  }, 120_000);
});

describe('grpcReachableCheck', () => {
  it('passes while a gRPC server answers at the address and fails once it is gone', async () => {
    const port = await freePort();
    const server = await startService(
      {
        name: 'grpc-dependency',
        module: () => ({ module: class Empty {} }),
        http: () => ({ host: '127.0.0.1', port: 0 }),
        grpc: () => [grpcServerOptions(`127.0.0.1:${port}`, [])],
      },
      loadSettings({ env: { log_level: 'silent' } }),
    );
    const check = grpcReachableCheck(`127.0.0.1:${port}`);
    try {
      await expect(check({ signal: new AbortController().signal })).resolves.toEqual({
        address: `127.0.0.1:${port}`,
        grpcHealth: 'SERVING',
      });
      await server.close();
      await expect(check({ signal: new AbortController().signal })).rejects.toThrow(
        `no gRPC server at 127.0.0.1:${port}`,
      );
    } finally {
      check.close();
    }
  }, 30_000);
});
