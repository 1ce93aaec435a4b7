import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { definitionsBySpelling, loadSettings } from '@teranode-p2p/config';
import { builtProjects } from '../docker/app-image.js';
import { parseDockerfile, lastInstruction } from '../docker/dockerfile.js';
import { NODE_IMAGE, THIRD_PARTY_IMAGES } from '../docker/images.js';
import { appPorts, dialSettings, localOnlyApps } from '../service-ports.js';
import {
  appsWithDockerfile,
  readWorkspaceFile,
  workspaceFileExists,
  workspacePath,
} from '../workspace.js';
import { type ComposeService, containerPort, parseComposeFile } from './compose-file.js';

const compose = parseComposeFile(readWorkspaceFile('docker-compose.yml'));
const services = compose.services;
const apps = appsWithDockerfile();
const appServices = Object.entries(services).filter(
  ([name, service]) => service.build?.dockerfile === `apps/${name}/Dockerfile`,
);

function dockerfileOf(service: ComposeService) {
  const build = service.build!;
  return parseDockerfile(readWorkspaceFile(join(build.context, build.dockerfile ?? 'Dockerfile')));
}

function hasHealthcheck(service: ComposeService): boolean {
  if (service.healthcheck !== undefined) return true;
  if (service.build === undefined) return false;
  return lastInstruction(dockerfileOf(service).stages.at(-1)!, 'HEALTHCHECK') !== undefined;
}

function hostPort(address: string): { host: string; port: number } {
  const separator = address.lastIndexOf(':');
  return { host: address.slice(0, separator), port: Number(address.slice(separator + 1)) };
}

describe('docker-compose.yml', () => {
  it('runs every app that has a Dockerfile, as a service named after it', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(apps);
  });

  describe.each(Object.entries(services))('service %s', (name, service) => {
    it('has an image that is real: a pinned official image or one built here', () => {
      expect(service.image !== undefined || service.build !== undefined).toBe(true);
      if (service.image !== undefined && service.build === undefined) {
        expect(THIRD_PARTY_IMAGES.some((image) => image.test(service.image!))).toBe(true);
      }
    });

    it('builds its own app from its own Dockerfile, needing no other image built first', () => {
      if (service.build === undefined) return;
      const { context, dockerfile, additional_contexts } = service.build;
      // The repository root as context, apps/<service>/Dockerfile, no image handed over.
      expect({ context, dockerfile, additional_contexts }).toEqual({
        context: '.',
        dockerfile: `apps/${name}/Dockerfile`,
        additional_contexts: undefined,
      });
      expect(statSync(workspacePath(context)).isDirectory()).toBe(true);
      expect(workspaceFileExists(join(context, dockerfile!))).toBe(true);
      const parsed = dockerfileOf(service);
      expect(builtProjects(parsed)).toEqual([name]);
      // Every stage starts from the public Node image: no image of another service.
      for (const { from } of parsed.stages)
        expect([from, NODE_IMAGE.test(from)]).toEqual([from, true]);
    });

    it('depends only on services that exist, and waits for health only where it is checked', () => {
      for (const [dependency, { condition }] of Object.entries(service.depends_on)) {
        expect(services[dependency]).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(
          condition,
        );
        if (condition === 'service_healthy')
          expect([dependency, hasHealthcheck(services[dependency]!)]).toEqual([dependency, true]);
      }
    });
  });

  it('runs with Podman as it is: no host-gateway in extra_hosts (Podman before 5.3 refuses it)', () => {
    const lines = readWorkspaceFile('docker-compose.yml').split('\n');
    expect(lines.filter((line) => !/^\s*#/.test(line) && line.includes('host-gateway'))).toEqual(
      [],
    );
  });

  it('keeps the servers’ data in their named volumes', () => {
    const target = (service: string, volume: string) =>
      services[service]!.volumes.find((v) => v.startsWith(`${volume}:`))?.split(':')[1];
    // The official images' data folders: PGDATA's default, and apache/kafka's log.dirs only
    // when KAFKA_LOG_DIRS names it (its default is /tmp/kraft-combined-logs, lost with the
    // container).
    expect(target('postgres', 'postgres-data')).toBe('/var/lib/postgresql/data');
    expect(services['postgres']!.environment['PGDATA']).toBeUndefined();
    expect(target('kafka', 'kafka-data')).toBe(services['kafka']!.environment['KAFKA_LOG_DIRS']);
  });

  it('builds only app images, each under its own name', () => {
    const built = Object.entries(services).filter(([, service]) => service.build !== undefined);
    expect(built.map(([name]) => name).sort()).toEqual(apps);
    const images = built.flatMap(([, service]) => (service.image ? [service.image] : []));
    expect(new Set(images).size).toBe(images.length);
  });

  describe.each(appServices)('app service %s', (app, service) => {
    const env = service.environment;

    it('sets only declared settings, with values the settings accept', () => {
      for (const key of Object.keys(env))
        expect([key, definitionsBySpelling.has(key)]).toEqual([key, true]);
      expect(() => loadSettings({ env })).not.toThrow();
    });

    it('publishes only ports the app listens on with these settings', () => {
      const listening = Object.values(appPorts(app, env));
      for (const entry of service.ports) expect(listening).toContain(containerPort(entry));
      expect(service.ports.map(containerPort)).toContain(appPorts(app, env)['http']);
    });

    it('has a health check on its HTTP port', () => {
      expect(hasHealthcheck(service)).toBe(true);
    });

    it('dials other apps where they listen, and waits for them', () => {
      for (const [key, target] of Object.entries(dialSettings)) {
        if (env[key] === undefined) continue;
        const address = hostPort(env[key]);
        const targetService = services[address.host];
        expect([key, address.host, targetService !== undefined]).toEqual([key, target.app, true]);
        expect(address.port).toBe(appPorts(target.app, targetService!.environment)[target.port]);
        expect(service.depends_on[target.app]?.condition).toBe('service_healthy');
      }
    });

    it('reaches hosts that are services of this file or mapped by extra_hosts', () => {
      const address = env['blockchain_grpc_address'];
      if (address === undefined) return;
      const { host } = hostPort(address);
      expect(Object.hasOwn(services, host) || service.extra_hosts.includes(host)).toBe(true);
    });

    it('uses the Kafka broker through a listener it advertises to containers', () => {
      const brokers = loadSettings({ env, only: 'KAFKA_BROKERS' }).KAFKA_BROKERS;
      // Without brokers a service uses an in-process bus: only the simulator does without Kafka.
      if (localOnlyApps.includes(app) && brokers === undefined) return;
      expect(brokers).toBeDefined();
      for (const broker of brokers!) {
        const { host, port } = hostPort(broker);
        const kafka = services[host];
        expect(kafka?.image).toMatch(/^apache\/kafka:/);
        expect(kafka!.environment['KAFKA_ADVERTISED_LISTENERS']!.split(',')).toContainEqual(
          expect.stringMatching(new RegExp(`^\\w+://${host}:${port}$`)),
        );
        expect(service.depends_on[host]?.condition).toBe('service_healthy');
      }
    });

    it('uses the PostgreSQL service with its own credentials', () => {
      if (env['DATABASE_URL'] === undefined) return;
      const url = new URL(env['DATABASE_URL']);
      const postgres = services[url.hostname];
      expect(postgres?.image).toMatch(/^postgres:/);
      expect({
        user: url.username,
        password: url.password,
        database: url.pathname.slice(1),
        port: url.port,
      }).toEqual({
        user: postgres!.environment['POSTGRES_USER'],
        password: postgres!.environment['POSTGRES_PASSWORD'],
        database: postgres!.environment['POSTGRES_DB'],
        port: '5432',
      });
      expect(service.depends_on[url.hostname]?.condition).toBe('service_healthy');
    });
  });
});

describe('parseComposeFile', () => {
  it('merges YAML anchors, resolves variables to defaults and reads short forms', () => {
    const parsed = parseComposeFile(
      [
        'x-env: &env',
        '  A: ${A:-one}',
        'services:',
        '  s:',
        '    image: postgres:15',
        '    environment:',
        '      <<: *env',
        '      B: 2',
        '    depends_on: [t]',
        '    build: ./ctx',
        '  t:',
        '    image: x',
        '    environment: [C=3=3]',
      ].join('\n'),
    );
    expect(parsed.services['s']).toMatchObject({
      environment: { A: 'one', B: '2' },
      depends_on: { t: { condition: 'service_started' } },
      build: { context: './ctx' },
    });
    expect(parsed.services['t']!.environment).toEqual({ C: '3=3' });
  });

  it('reads the container port of every ports form, and refuses others', () => {
    expect(['9905', '9905:9905', '127.0.0.1:1:9906', '1:9907/tcp'].map(containerPort)).toEqual([
      9905, 9905, 9906, 9907,
    ]);
    expect(() => containerPort('127.0.0.1:x')).toThrow('has no container port');
    expect(() => parseComposeFile('services: []')).toThrow('services must be a mapping');
  });
});
