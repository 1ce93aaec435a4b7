import { parse } from 'yaml';
import { interpolateDefaults } from './interpolate.js';

export interface ComposeBuild {
  readonly context: string;
  readonly dockerfile?: string;
  readonly additional_contexts?: Readonly<Record<string, string>>;
}

export interface ComposeHealthcheck {
  readonly test: string | readonly string[];
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: ComposeBuild;
  /** Values as text, interpolated to their defaults. */
  readonly environment: Readonly<Record<string, string>>;
  readonly ports: readonly string[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly depends_on: Readonly<Record<string, { readonly condition: string }>>;
  /** Host names of `extra_hosts` entries (`name:address`). */
  readonly extra_hosts: readonly string[];
  /** `volumes:` entries in the short form (`source:target[:mode]`). */
  readonly volumes: readonly string[];
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} must be a mapping`);
  }
  return value as Record<string, unknown>;
}

/** Environment as a mapping of text (Compose also allows a list of NAME=value). */
function environmentOf(value: unknown, service: string): Record<string, string> {
  if (value === undefined) return {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((entry: string) => [entry.split('=')[0]!, entry.slice(entry.indexOf('=') + 1)])
    : Object.entries(asRecord(value, `${service}.environment`));
  return Object.fromEntries(entries.map(([key, v]) => [key, interpolateDefaults(String(v ?? ''))]));
}

/** depends_on as a mapping (Compose also allows a list, meaning service_started). */
function dependsOnOf(value: unknown): Record<string, { condition: string }> {
  if (value === undefined) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((name: string) => [name, { condition: 'service_started' }]),
    );
  }
  return value as Record<string, { condition: string }>;
}

function buildOf(value: unknown): ComposeBuild | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? { context: value } : (value as ComposeBuild);
}

/** Parses a Compose file (YAML merge keys included), variables resolved to their defaults. */
export function parseComposeFile(text: string): ComposeFile {
  const document = asRecord(parse(text, { merge: true }), 'the compose file');
  const services = asRecord(document['services'], 'services');
  return {
    services: Object.fromEntries(
      Object.entries(services).map(([name, raw]) => {
        const service = asRecord(raw, `service ${name}`);
        const image = service['image'];
        return [
          name,
          {
            image: typeof image === 'string' ? interpolateDefaults(image) : undefined,
            build: buildOf(service['build']),
            environment: environmentOf(service['environment'], name),
            ports: ((service['ports'] as unknown[] | undefined) ?? []).map(String),
            healthcheck: service['healthcheck'] as ComposeHealthcheck | undefined,
            depends_on: dependsOnOf(service['depends_on']),
            extra_hosts: ((service['extra_hosts'] as string[] | undefined) ?? []).map(
              (entry) => entry.split(':')[0]!,
            ),
            volumes: ((service['volumes'] as unknown[] | undefined) ?? []).map(String),
          } satisfies ComposeService,
        ];
      }),
    ),
  };
}

/** The container port of a `ports:` entry (`[ip:]host:container[/proto]` or `container`). */
export function containerPort(entry: string): number {
  const withoutProtocol = entry.split('/')[0]!;
  const port = Number(withoutProtocol.split(':').at(-1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`ports entry ${entry} has no container port`);
  }
  return port;
}
