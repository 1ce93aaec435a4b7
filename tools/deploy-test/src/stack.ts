import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor, workspaceRoot } from '@teranode-p2p/testing';
import { parse } from 'yaml';
import { containers } from './containers.js';

/** The compose project of the test: its containers, network and volumes carry this name. */
export const PROJECT = 'teranode-p2p-deploy-test';
export const OVERRIDE_FILE = 'tools/deploy-test/compose.deploy-test.yml';
const COMPOSE_FILES = ['-f', 'docker-compose.yml', '-f', OVERRIDE_FILE];

/** The image the test builds for an app, and the override makes compose run. */
export const imageOf = (app: string) => `teranode-p2p/${app}:deploy-test`;
/** The container of a compose service (container_name in the override). */
export const containerOf = (service: string) => `${PROJECT}-${service}`;

export interface ComposeService {
  readonly name: string;
  /** Built from apps/<name>/Dockerfile (else a third-party image). */
  readonly app: boolean;
  /** Settings as written (not interpolated): the listen addresses are literals. */
  readonly environment: Readonly<Record<string, string>>;
}

/** The services of docker-compose.yml, anchors merged. */
export function composeServices(): ComposeService[] {
  const file = parse(readFileSync(join(workspaceRoot, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, { build?: unknown; environment?: Record<string, unknown> }> };
  return Object.entries(file.services).map(([name, service]) => ({
    name,
    app: service.build !== undefined,
    environment: Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]),
    ),
  }));
}

/** Every service the stack runs: docker-compose.yml's and the ones the override adds. */
export function stackServiceNames(): string[] {
  // The override's !reset and !override tags matter to compose only: read them as plain values.
  const customTags = ['!reset', '!override'].map((tag) => ({
    tag,
    resolve: (value: unknown) => value,
  }));
  const override = parse(readFileSync(join(workspaceRoot, OVERRIDE_FILE), 'utf8'), {
    customTags: [...customTags, ...customTags.map((t) => ({ ...t, collection: 'seq' as const }))],
  }) as { services: Record<string, unknown> };
  const names = [...composeServices().map((s) => s.name), ...Object.keys(override.services)];
  return [...new Set(names)];
}

/** The container port a listen-address setting (`:9911`, `0.0.0.0:9911`) or p2p_port names. */
export function portOf(service: ComposeService, setting: string): number {
  const value = service.environment[setting];
  const port = Number(value?.slice(value.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`docker-compose.yml: ${service.name} sets no port in ${setting} (${value})`);
  return port;
}

/** The HTTP port (health, metrics; the feed on ws-gateway): the one *_http_listen_address. */
export function httpPortOf(service: ComposeService): number {
  const settings = Object.keys(service.environment).filter((k) =>
    k.endsWith('_http_listen_address'),
  );
  if (settings.length !== 1)
    throw new Error(`${service.name}: expected one *_http_listen_address, found ${settings}`);
  return portOf(service, settings[0]!);
}

export interface Stack {
  /** 127.0.0.1:<port> the engine published a container port of a service on. */
  address(service: string, containerPort: number): Promise<string>;
}

/** The running stack's `compose` command line with this project and files. */
export const compose = (args: readonly string[], env?: Record<string, string>) =>
  containers.compose(['-p', PROJECT, ...COMPOSE_FILES, ...args], { env });

export async function upStack(env: Record<string, string>): Promise<Stack> {
  // The images were built and measured before: compose builds nothing.
  await compose(['up', '-d', '--no-build'], env);
  return {
    async address(service, containerPort) {
      const { stdout } = await containers.engine([
        'port',
        containerOf(service),
        `${containerPort}/tcp`,
      ]);
      const address = stdout.trim().split('\n')[0]!;
      if (!/^127\.0\.0\.1:\d+$/.test(address))
        throw new Error(`${service} ${containerPort} is published on "${address}"`);
      return address;
    },
  };
}

/**
 * `compose down -v`, then whatever remains of the project is removed by name (a compose
 * implementation may leave a network or an anonymous volume behind); returns what that was.
 */
export async function downStack(): Promise<string[]> {
  await compose(['down', '-v', '--timeout', '10']).catch(() => undefined);
  const leftovers: string[] = [];
  const list = async (args: string[]) =>
    (await containers.engine(args, { allowFailure: true })).stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes(PROJECT));
  for (const container of await list(['ps', '-a', '--format', '{{.Names}}'])) {
    leftovers.push(`container ${container}`);
    await containers.engine(['rm', '-f', '-v', container], { allowFailure: true });
  }
  for (const volume of await list(['volume', 'ls', '--format', '{{.Name}}'])) {
    leftovers.push(`volume ${volume}`);
    await containers.engine(['volume', 'rm', '-f', volume], { allowFailure: true });
  }
  for (const network of await list(['network', 'ls', '--format', '{{.Name}}'])) {
    leftovers.push(`network ${network}`);
    await containers.engine(['network', 'rm', '-f', network], { allowFailure: true });
  }
  return leftovers;
}

/** Waits until every container of the stack reports healthy; the time each took. */
export async function waitHealthy(
  services: readonly string[],
  timeoutMs: number,
): Promise<Record<string, number>> {
  const started = Date.now();
  const took: Record<string, number> = {};
  await Promise.all(
    services.map(async (service) => {
      await waitFor(
        `${containerOf(service)} to be healthy`,
        async () => (await containers.health(containerOf(service))) === 'healthy',
        { timeoutMs, intervalMs: 2000 },
      );
      took[service] = Date.now() - started;
    }),
  );
  return took;
}
