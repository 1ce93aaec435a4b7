import type { ServiceDefinition } from '@teranode-p2p/service-runtime';
import type { ServiceApp } from './network-plan.js';

/**
 * The built app's service definition, loaded at run time: the local network composes apps the
 * way their own `main` starts them, without importing one app into another at build time.
 */
export async function loadServiceDefinition(app: ServiceApp): Promise<ServiceDefinition> {
  const specifier = `@teranode-p2p/${app}`;
  const exported = `${app.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Definition`;
  const module = (await import(specifier)) as Record<string, ServiceDefinition | undefined>;
  const definition = module[exported];
  if (!definition)
    throw new Error(`${specifier} does not export ${exported}: build it with npx nx build ${app}`);
  return definition;
}
