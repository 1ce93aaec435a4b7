import { describe, expect, it } from '@jest/globals';
import { definitionsBySpelling, loadSettings } from '@teranode-p2p/config';
import { helmTemplate, shellCommands, type Manifest } from '../helm/helm.js';
import {
  appPorts,
  dialSettings,
  localOnlyApps,
  servesHttpsInDefinition,
  servicePortSettings,
} from '../service-ports.js';
import { lastInstruction, parseDockerfile } from '../docker/dockerfile.js';
import { appsWithDockerfile, readWorkspaceFile } from '../workspace.js';
import {
  containerEnvironment,
  isWorkload,
  POD_NAME_LABEL,
  selectedWorkloads,
  type ServiceManifest,
  type Workload,
} from './chart-model.js';
import { validateManifest } from './validate-manifest.js';

const apps = appsWithDockerfile().filter((app) => !localOnlyApps.includes(app));
const APP_LABEL = 'app.kubernetes.io/name';
const readmes = ['README.md', 'k8s/README.md'].map(readWorkspaceFile);

/** Every `helm install` the READMEs show, as written (install → template). */
const readmeInstalls = [
  ...new Set(
    readmes.flatMap((text) => shellCommands(text, 'helm install')).map((w) => w.join(' ')),
  ),
];

/** The Secrets the READMEs create before installing: name → type and keys. */
const readmeSecrets = new Map(
  readmes
    .flatMap((text) => shellCommands(text, 'kubectl create secret'))
    .map(([, , , type, name, ...flags]) => [
      name!,
      { type: type!, keys: flags.flatMap((f) => /^--from-literal=(\w+)=/.exec(f)?.[1] ?? []) },
    ]),
);

/** The chart with its defaults, as the READMEs install it, and with the other branches. */
const variants: [string, string[]][] = [
  ['its defaults', ['teranode', 'k8s/teranode-p2p']],
  ...readmeInstalls.map((command): [string, string[]] => [
    `the README’s "${command}"`,
    command.split(' ').slice(2),
  ]),
  [
    'a NodePort p2p Service and 2 gossip-node replicas',
    [
      ...['p2p', 'k8s/teranode-p2p', '--set', 'apps.gossipNode.p2pService.type=NodePort'],
      ...['--set', 'apps.gossipNode.p2pService.nodePort=30905'],
      ...['--set', 'apps.gossipNode.replicas=2'],
    ],
  ],
];

describe('the READMEs’ helm install', () => {
  it('installs the production example with plain words, so the checks below render it as written', () => {
    expect(readmeInstalls.length).toBeGreaterThan(0);
    for (const command of readmeInstalls) {
      expect(command).toContain('--values k8s/teranode-p2p/values-production.yaml');
      expect(command).not.toMatch(/["'$`;|&<>…]/);
    }
  });
});

describe.each(variants)('k8s/teranode-p2p rendered with %s', (_variant, args) => {
  const manifests = helmTemplate(args);
  const workloads = manifests.filter(isWorkload);
  const services = manifests.filter((m): m is ServiceManifest => m.kind === 'Service');
  const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const workloadOf = (app: string) =>
    workloads.find((w) => w.spec.template.metadata.labels[APP_LABEL] === app)!;
  const containerOf = (workload: Workload) => workload.spec.template.spec.containers[0]!;
  const envOf = (workload: Workload) =>
    containerEnvironment(workload, containerOf(workload), manifests);

  it('renders only manifests valid against the Kubernetes schemas, with unique names', () => {
    for (const manifest of manifests) expect(() => validateManifest(manifest)).not.toThrow();
    const names = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('runs one workload per app with a Dockerfile, on that app’s image', () => {
    expect(workloads.map((w) => w.spec.template.metadata.labels[APP_LABEL]).sort()).toEqual(apps);
    for (const app of apps) {
      const containers = workloadOf(app).spec.template.spec.containers;
      expect(containers).toHaveLength(1);
      expect(containers[0]!.image).toMatch(new RegExp(`^[\\w./-]+/${app}:[\\w.-]+$`));
    }
  });

  it('selects its own pods in every workload', () => {
    for (const workload of workloads) {
      expect(selectedWorkloads([workload], workload.spec.selector.matchLabels)).toEqual([workload]);
    }
  });

  it('keeps gossip-node’s identity: a StatefulSet whose pod name is its node name', () => {
    const gossip = workloadOf('gossip-node');
    expect(gossip.kind).toBe('StatefulSet');
    const governing = services.find((s) => s.metadata.name === gossip.spec.serviceName);
    expect(governing?.spec.clusterIP).toBe('None');
    expect(containerOf(gossip).env).toContainEqual({
      name: 'p2p_node_name',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
  });

  it('exposes gossip-node’s libp2p port at a fixed port, keeping the peers’ addresses', () => {
    const p2p = services.filter((s) => s.spec.ports.some((port) => port.targetPort === 'p2p'));
    expect(p2p.length).toBeGreaterThan(0);
    const external = p2p.filter(
      (s) => s.spec.type === 'LoadBalancer' || s.spec.type === 'NodePort',
    );
    expect(external).toHaveLength(1);
    expect(external[0]!.spec.externalTrafficPolicy).toBe('Local');
    expect(external[0]!.spec.selector[POD_NAME_LABEL]).toBe(
      `${workloadOf('gossip-node').metadata.name}-0`,
    );
  });

  it('routes every Service to exactly one workload, on container ports that exist', () => {
    for (const service of services) {
      const [target, ...others] = selectedWorkloads(workloads, service.spec.selector);
      expect([service.metadata.name, target !== undefined, others.length]).toEqual([
        service.metadata.name,
        true,
        0,
      ]);
      const ports = containerOf(target!).ports;
      for (const port of service.spec.ports) {
        const containerPort = ports.find(
          (p) => p.name === port.targetPort || p.containerPort === port.targetPort,
        );
        expect([service.metadata.name, port.name, containerPort?.containerPort]).toEqual([
          service.metadata.name,
          port.name,
          port.port,
        ]);
      }
    }
  });

  describe.each(apps)('%s', (app) => {
    const workload = workloadOf(app);
    const container = containerOf(workload);
    const env = envOf(workload);

    it('is configured with declared settings only, values the settings accept, no secret in a ConfigMap', () => {
      for (const key of Object.keys(env))
        expect([key, definitionsBySpelling.has(key)]).toEqual([key, true]);
      expect(() => loadSettings({ env })).not.toThrow();
      for (const configMap of ofKind('ConfigMap')) {
        for (const key of Object.keys((configMap['data'] as object) ?? {})) {
          expect([key, definitionsBySpelling.get(key)?.secret]).toEqual([key, undefined]);
        }
      }
    });

    it('declares exactly the ports its settings make it listen on', () => {
      const declared = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
      expect(declared).toEqual(appPorts(app, env));
    });

    it('probes liveness, readiness and startup on its HTTP port', () => {
      const http = container.ports.find((p) => p.name === 'http')!;
      expect(http.containerPort).toBe(appPorts(app, env)['http']);
      expect(servicePortSettings[app]!['http']).toBeDefined();
      expect(container.livenessProbe?.httpGet).toMatchObject({
        path: '/health/liveness',
        port: 'http',
      });
      expect(container.readinessProbe?.httpGet).toMatchObject({
        path: '/health/readiness',
        port: 'http',
      });
      expect(container.startupProbe?.httpGet).toMatchObject({
        path: '/health/liveness',
        port: 'http',
      });
    });

    it('serves HTTPS where its settings ask for it, probed and scraped that way, the certificate mounted from a Secret', () => {
      const https = servesHttpsInDefinition(app) && env['securityLevelHTTP'] === '1';
      const scheme = https ? 'HTTPS' : 'HTTP';
      for (const probe of [
        container.livenessProbe,
        container.readinessProbe,
        container.startupProbe,
      ])
        expect(probe?.httpGet.scheme).toBe(scheme);
      const annotations = workload.spec.template.metadata.annotations ?? {};
      expect(annotations['prometheus.io/scheme']).toBe(scheme.toLowerCase());
      const files = { server_certFile: 'tls.crt', server_keyFile: 'tls.key' };
      for (const [key, file] of Object.entries(files)) {
        if (env[key] === undefined) continue;
        const mount = container.volumeMounts?.find((m) => env[key] === `${m.mountPath}/${file}`);
        const volume = workload.spec.template.spec.volumes?.find((v) => v.name === mount?.name);
        expect([key, volume?.secret !== undefined]).toEqual([key, true]);
      }
    });

    it('dials the other apps through their Services', () => {
      for (const [key, target] of Object.entries(dialSettings)) {
        if (!apps.includes(target.app)) continue;
        const [host, port] = env[key]!.split(':');
        const service = services.find((s) => s.metadata.name === host);
        expect([key, service !== undefined]).toEqual([key, true]);
        expect(selectedWorkloads(workloads, service!.spec.selector)).toEqual([
          workloadOf(target.app),
        ]);
        expect(service!.spec.ports.find((p) => p.targetPort === target.port)?.port).toBe(
          Number(port),
        );
      }
    });

    it('has resource requests and limits, and runs unprivileged', () => {
      for (const bound of ['requests', 'limits'] as const) {
        expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
      expect(workload.spec.template.spec.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      // The uid of the image's user: node, 1000 in the official Node images.
      const image = parseDockerfile(readWorkspaceFile(`apps/${app}/Dockerfile`));
      expect(lastInstruction(image.stages.at(-1)!, 'USER')?.rest).toBe('node');
      expect(workload.spec.template.spec.securityContext?.runAsUser).toBe(1000);
    });

    it('has a disruption budget when it runs several replicas', () => {
      const budgets = ofKind('PodDisruptionBudget').filter(
        (pdb) =>
          selectedWorkloads(
            [workload],
            (pdb['spec'] as { selector: { matchLabels: Record<string, string> } }).selector
              .matchLabels,
          ).length > 0,
      );
      const scaled = workload.kind === 'Deployment';
      expect(budgets.length).toBe(scaled ? 1 : 0);
    });
  });

  it('autoscales ws-gateway’s Deployment, which leaves its replica count to the autoscaler', () => {
    const autoscalers = ofKind('HorizontalPodAutoscaler') as (Manifest & {
      spec: {
        scaleTargetRef: { apiVersion: string; kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };
    })[];
    const gateway = workloadOf('ws-gateway');
    expect(autoscalers.map((a) => a.spec.scaleTargetRef)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: gateway.metadata.name },
    ]);
    expect(gateway.kind).toBe('Deployment');
    expect(gateway.spec.replicas).toBeUndefined();
    expect(autoscalers[0]!.spec.minReplicas).toBeLessThanOrEqual(autoscalers[0]!.spec.maxReplicas);
  });

  it('takes secret settings and the certificate from Secrets it renders or the README creates', () => {
    const rendered = new Map(
      ofKind('Secret').map((s) => [
        s.metadata.name,
        { type: 'generic', keys: Object.keys((s['stringData'] as object) ?? {}) },
      ]),
    );
    const secretNamed = (name: string) => rendered.get(name) ?? readmeSecrets.get(name);
    const settingsSecrets = new Set(
      workloads.flatMap((w) =>
        (containerOf(w).envFrom ?? []).flatMap((s) => (s.secretRef ? [s.secretRef.name] : [])),
      ),
    );
    expect(settingsSecrets.size).toBe(1);
    const [name] = settingsSecrets;
    for (const other of rendered.keys()) expect(other).toBe(name);
    const secret = secretNamed(name!);
    expect([name, secret?.type]).toEqual([name, 'generic']);
    for (const key of secret!.keys) {
      expect([key, definitionsBySpelling.get(key)?.secret !== undefined]).toEqual([key, true]);
    }
    for (const workload of workloads) {
      for (const volume of workload.spec.template.spec.volumes ?? []) {
        if (volume.secret === undefined) continue;
        const tls = secretNamed(volume.secret.secretName);
        expect([volume.secret.secretName, tls?.type]).toEqual([volume.secret.secretName, 'tls']);
      }
    }
  });
});
