import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import type { Manifest } from '../helm/helm.js';

interface Validatable {
  validate(): void;
}

/** The kinds the chart may render, validated against the Kubernetes OpenAPI schemas. */
const models: Readonly<Record<string, new (data: never) => Validatable>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Throws, naming the manifest, when its kind is unknown or it breaks the schema. */
export function validateManifest(manifest: Manifest): void {
  const type = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = models[type];
  if (Model === undefined)
    throw new Error(`${type} ${manifest.metadata?.name}: not a kind the chart may render`);
  try {
    new Model(manifest as never).validate();
  } catch (error) {
    throw new Error(`${type} ${manifest.metadata.name}: ${(error as Error).message}`);
  }
}
