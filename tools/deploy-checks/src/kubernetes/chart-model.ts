import type { Manifest } from '../helm/helm.js';

export interface ContainerPort {
  readonly name: string;
  readonly containerPort: number;
}

export interface Probe {
  readonly httpGet: {
    readonly path: string;
    readonly port: string | number;
    readonly scheme?: 'HTTP' | 'HTTPS';
  };
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly ports: readonly ContainerPort[];
  readonly envFrom?: readonly {
    readonly configMapRef?: { readonly name: string };
    readonly secretRef?: { readonly name: string };
  }[];
  readonly env?: readonly {
    readonly name: string;
    readonly value?: string;
    readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } };
  }[];
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly resources?: {
    readonly requests?: Record<string, string>;
    readonly limits?: Record<string, string>;
  };
  readonly securityContext?: { readonly allowPrivilegeEscalation?: boolean };
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

export interface Workload extends Manifest {
  readonly spec: {
    readonly replicas?: number;
    readonly serviceName?: string;
    readonly selector: { readonly matchLabels: Record<string, string> };
    readonly template: {
      readonly metadata: {
        readonly labels: Record<string, string>;
        readonly annotations?: Record<string, string>;
      };
      readonly spec: {
        readonly containers: readonly Container[];
        readonly volumes?: readonly {
          readonly name: string;
          readonly secret?: { secretName: string };
        }[];
        readonly securityContext?: { readonly runAsNonRoot?: boolean; readonly runAsUser?: number };
      };
    };
  };
}

export interface ServiceManifest extends Manifest {
  readonly spec: {
    readonly type?: string;
    readonly clusterIP?: string;
    readonly externalTrafficPolicy?: string;
    readonly selector: Record<string, string>;
    readonly ports: readonly { name: string; port: number; targetPort: string | number }[];
  };
}

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

export function isWorkload(manifest: Manifest): manifest is Workload {
  return manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet';
}

export function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * The labels a pod of the workload carries once running: its template's, plus the pod-name
 * label the StatefulSet controller adds to each ordinal.
 */
export function podLabelSets(workload: Workload): Record<string, string>[] {
  const labels = workload.spec.template.metadata.labels;
  if (workload.kind !== 'StatefulSet') return [labels];
  return Array.from({ length: workload.spec.replicas ?? 1 }, (_, ordinal) => ({
    ...labels,
    [POD_NAME_LABEL]: `${workload.metadata.name}-${ordinal}`,
  }));
}

/** The workloads a label selector picks (some pod of theirs matches). */
export function selectedWorkloads(
  workloads: readonly Workload[],
  selector: Record<string, string>,
): Workload[] {
  return workloads.filter((workload) =>
    podLabelSets(workload).some((labels) => matches(selector, labels)),
  );
}

/**
 * The environment a container gets: its ConfigMaps and Secret (by envFrom, in order) and its
 * env entries; a field reference to the pod name resolves to the first pod's name.
 */
export function containerEnvironment(
  workload: Workload,
  container: Container,
  manifests: readonly Manifest[],
): Record<string, string> {
  const env: Record<string, string> = {};
  const find = (kind: string, name: string) =>
    manifests.find((m) => m.kind === kind && m.metadata.name === name);
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = find('ConfigMap', source.configMapRef.name);
      if (configMap === undefined)
        throw new Error(`ConfigMap ${source.configMapRef.name} is not rendered`);
      Object.assign(env, configMap['data']);
    }
    if (source.secretRef)
      Object.assign(env, find('Secret', source.secretRef.name)?.['stringData'] ?? {});
  }
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) env[entry.name] = entry.value;
    else if (entry.valueFrom?.fieldRef?.fieldPath === 'metadata.name')
      env[entry.name] = `${workload.metadata.name}-0`;
    else throw new Error(`env ${entry.name} of ${workload.metadata.name}: unsupported valueFrom`);
  }
  return env;
}
