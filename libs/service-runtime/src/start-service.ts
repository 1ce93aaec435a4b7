import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { formatHostPort, type Settings } from '@teranode-p2p/config';
import type { Logger } from 'pino';
import { drainGrpcServers } from './grpc/drain-grpc-servers.js';
import { JsonNestLogger, serviceLogger } from './json-logger.js';
import { HealthModule } from './health/health.module.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { ListenError } from './listen-error.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SettingsModule } from './settings.module.js';

export interface ServiceDefinition {
  /** The service's name in logs and metrics, e.g. `ban-service`. */
  name: string;
  /** The app's root module for these settings. */
  module(settings: Settings): DynamicModule | Promise<DynamicModule>;
  /** Where the HTTP server (health, metrics, the app's own routes) listens. */
  http(settings: Settings): { host: string; port: number };
  /** TLS key and certificate when the HTTP server serves HTTPS; undefined for plain HTTP. */
  https?(settings: Settings): { key: Buffer; cert: Buffer } | undefined;
  /** gRPC servers of the app, if any. */
  grpc?(settings: Settings): GrpcOptions['options'][];
}

export interface RunningService {
  name: string;
  app: INestApplication;
  /** Base URL of the HTTP server, with the port actually bound. */
  httpUrl: string;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Starts one service in this process. Several services can run side by side in one process
 * (the embedded local network); each gets its own Nest application, HTTP and gRPC servers.
 */
export async function startService(
  definition: ServiceDefinition,
  settings: Settings,
  logger: Logger = serviceLogger(definition.name, settings),
): Promise<RunningService> {
  const httpsOptions = definition.https?.(settings);
  const root = await definition.module(settings);
  const app = await NestFactory.create(
    {
      module: class ServiceRoot {},
      imports: [
        SettingsModule.forRoot(settings),
        MetricsModule.forRoot(definition.name),
        HealthModule,
        root,
      ],
    } as DynamicModule,
    { logger: new JsonNestLogger(logger), abortOnError: false, httpsOptions },
  );
  app.useGlobalFilters(new HttpErrorFilter(logger));
  // Lifecycle hooks first: no server takes a request before the app's modules have started.
  await app.init();
  for (const options of definition.grpc?.(settings) ?? []) {
    app.connectMicroservice({ transport: Transport.GRPC, options }, { inheritAppConfig: true });
  }
  const grpcUrls = (definition.grpc?.(settings) ?? []).flatMap((options) => options.url ?? []);
  await app.startAllMicroservices().catch((error: unknown) => {
    const urls = grpcUrls.join(', ');
    throw new ListenError('the gRPC server', urls, error, settingsListeningOn(settings, grpcUrls));
  });
  const { host, port } = definition.http(settings);
  await app.listen(port, host).catch((error: unknown) => {
    const url = formatHostPort({ host, port });
    throw new ListenError('the HTTP server', url, error, settingsListeningOn(settings, [url]));
  });
  const address = app.getHttpServer().address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const scheme = httpsOptions ? 'https' : 'http';
  const httpUrl = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  logger.info({ http: httpUrl, grpc: grpcUrls }, `${definition.name} ready`);
  return {
    name: definition.name,
    app,
    httpUrl,
    logger,
    close: async () => {
      await drainGrpcServers(app);
      await app.close();
      logger.info(`${definition.name} stopped`);
    },
  };
}

/** The listen-address settings (`*_listen_address`) that put a server on one of `urls`. */
function settingsListeningOn(settings: Settings, urls: string[]): string | undefined {
  const names = Object.entries(settings)
    .filter(
      ([name, value]) =>
        name.endsWith('_listen_address') &&
        isHostPort(value) &&
        urls.includes(formatHostPort(listenOn(value))),
    )
    .map(([name]) => name);
  return names.length > 0 ? names.join(', ') : undefined;
}

function isHostPort(value: unknown): value is { host: string; port: number } {
  const candidate = value as { host?: unknown; port?: unknown } | null;
  return typeof candidate?.host === 'string' && typeof candidate.port === 'number';
}

/** A listen address from the settings (`:9910` = all interfaces) as Nest's listen() wants it. */
export function listenOn(address: { host: string; port: number }): { host: string; port: number } {
  return { host: address.host === '' ? '0.0.0.0' : address.host, port: address.port };
}
