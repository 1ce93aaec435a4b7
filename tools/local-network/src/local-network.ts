import { join } from 'node:path';
import {
  loadSettings,
  localNetworkP2pctlFile,
  removeLocalNetworkP2pctlDefaults,
  writeLocalNetworkP2pctlDefaults,
} from '@teranode-p2p/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@teranode-p2p/database';
import { openServiceBus, type ServiceBus } from '@teranode-p2p/kafka';
import { createJsonLogger, startService, type RunningService } from '@teranode-p2p/service-runtime';
import { startBlockFeed } from './block-feed.js';
import { loadOrCreateIdentity, type NetworkIdentity } from './network-identity.js';
import { planNetwork, type NetworkPlan } from './network-plan.js';
import { loadServiceDefinition } from './load-service.js';
import { p2pctlDefaults } from './p2pctl-defaults.js';

export interface LocalNetworkOptions {
  dataDir: string;
  nodes: number;
  basePort: number;
  blockInterval: string;
  /** The last node starts behind its peers (LOCAL_BEHIND). */
  behind: boolean;
  /** The operator's environment: DATABASE_URL / KAFKA_BROKERS switch to real servers. */
  env: Record<string, string | undefined>;
  /** Level of the services' own JSON logs. */
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  print: (line: string) => void;
}

export interface LocalNetwork {
  plan: NetworkPlan;
  identity: NetworkIdentity;
  databaseUrl: string;
  embeddedDatabase: boolean;
  services: RunningService[];
  /** Where p2pctl reads the network's addresses and admin key while it runs. */
  p2pctlFile: string;
  stop(): Promise<void>;
}

/** Every service of a Teranode P2P network in this process, on embedded defaults unless told otherwise. */
export async function startLocalNetwork(options: LocalNetworkOptions): Promise<LocalNetwork> {
  const identity = await loadOrCreateIdentity(join(options.dataDir, 'network.json'), options.nodes);
  let embedded: EmbeddedPostgres | undefined;
  const databaseUrl =
    options.env['DATABASE_URL'] ??
    (embedded = await startEmbeddedPostgres({ dataDir: join(options.dataDir, 'pglite') })).url;
  const plan = planNetwork({
    identity,
    basePort: options.basePort,
    blockInterval: options.blockInterval,
    databaseUrl,
    network: options.env['network'] ?? 'regtest',
    behind: options.behind,
  });
  const services: RunningService[] = [];
  let feedBus: ServiceBus | undefined;
  // p2pctl finds the network here while it runs (the same LOCAL_DATA_DIR, default in the cwd).
  const p2pctlFile = localNetworkP2pctlFile({ LOCAL_DATA_DIR: options.dataDir });
  const stop = async () => {
    removeLocalNetworkP2pctlDefaults(p2pctlFile);
    await feedBus?.close();
    for (const service of services.reverse()) await service.close().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    for (const planned of plan.services) {
      const definition = await loadServiceDefinition(planned.app);
      const settings = loadSettings({
        env: { ...options.env, data_dir: options.dataDir, ...planned.settings },
      });
      const logger = createJsonLogger(planned.label, options.logLevel, undefined, settings);
      services.push(await startService(definition, settings, logger));
    }
    const settings = loadSettings({ env: options.env });
    feedBus = openServiceBus({
      service: 'local-network',
      brokers: settings.KAFKA_BROKERS ?? [],
      clientIdPrefix: settings.KAFKA_CLIENT_ID,
    });
    const names = new Map(identity.nodes.map((n) => [n.peerId, n.name]));
    await startBlockFeed(feedBus, settings.KAFKA_P2P_EVENTS, names, options.print).start();
    writeLocalNetworkP2pctlDefaults(p2pctlFile, p2pctlDefaults(plan, identity));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    plan,
    identity,
    databaseUrl,
    embeddedDatabase: embedded !== undefined,
    services,
    p2pctlFile,
    stop,
  };
}
