import { Inject, Logger, Module } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import {
  collectedGauge,
  InjectMetrics,
  InjectSettings,
  METRICS_REGISTRY,
  SETTINGS,
} from '@teranode-p2p/service-runtime';
import type { Registry } from 'prom-client';
import { BanGate } from '../bans/ban-gate.js';
import { resolveNodeKey, type NodeKey } from '../identity/resolve-node-key.js';
import { ConnectionPingReport } from './connection-ping-report.js';
import { ConnectionTraffic } from './connection-traffic.js';
import { createLibp2pHost, type Libp2pHost } from './create-libp2p-host.js';
import { hostListenError } from './host-listen-error.js';
import { isRoutedKey, routeEd25519Verification } from './ed25519-verification-route.js';
import { SignatureVerifierPool } from './signature-verifier-pool.js';

export type { Libp2pHost };
export const LIBP2P_HOST = Symbol('LIBP2P_HOST');
/** Injects the node's libp2p host: `constructor(@InjectHost() host: Libp2pHost)`. */
export const InjectHost = (): ParameterDecorator => Inject(LIBP2P_HOST);
const NODE_KEY = Symbol('NODE_KEY');

/** Most signature checks waiting for a worker: about a second of a busy network. */
export const SIGNATURE_QUEUE_MAX = 4096;
/** Most signed bytes waiting for a worker (copies of messages gossipsub holds anyway). */
export const SIGNATURE_QUEUE_MAX_BYTES = 64 * 1_048_576;
/** Public keys each signature thread keeps imported: far more authors than a network has. */
export const SIGNATURE_KEY_CACHE_MAX = 4096;

/**
 * The libp2p host with its key, connection gate (the ban copy) and traffic meters, and the
 * signature workers. The host starts listening once every module has initialised (the ban
 * list is loaded by then) and stops once every module that uses it has stopped.
 */
@Module({
  providers: [
    { provide: NODE_KEY, inject: [SETTINGS], useFactory: resolveNodeKey },
    {
      provide: BanGate,
      inject: [SETTINGS],
      useFactory: (settings: Settings) => new BanGate(settings.p2p_ban_max_entries),
    },
    ConnectionTraffic,
    {
      provide: LIBP2P_HOST,
      inject: [SETTINGS, NODE_KEY, BanGate, ConnectionTraffic, METRICS_REGISTRY],
      useFactory: (
        settings: Settings,
        node: NodeKey,
        gate: BanGate,
        traffic: ConnectionTraffic,
        registry: Registry,
      ) =>
        createLibp2pHost(settings, node.key, {
          connectionGater: gate.connectionGater(),
          metrics: traffic,
          onPing: new ConnectionPingReport(registry).record,
        }),
    },
  ],
  exports: [LIBP2P_HOST, BanGate, ConnectionTraffic],
})
export class HostModule {
  private readonly log = new Logger('GossipNode');
  private readonly signatures: SignatureVerifierPool | undefined;
  private readonly unrouteSignatures: () => void;

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @Inject(NODE_KEY) private readonly key: NodeKey,
    @InjectSettings() settings: Settings,
    @InjectMetrics() registry: Registry,
  ) {
    collectedGauge(registry, () => host.getPeers().length, {
      name: 'gossip_node_connected_peers',
      help: 'Peers with at least one open connection',
    });
    const workers = settings.gossip_node_signature_workers;
    this.signatures =
      workers > 0
        ? new SignatureVerifierPool(
            {
              workers,
              maxPending: SIGNATURE_QUEUE_MAX,
              maxPendingBytes: SIGNATURE_QUEUE_MAX_BYTES,
              keyCacheSize: SIGNATURE_KEY_CACHE_MAX,
              offloadAboveUtilization: settings.gossip_node_signature_offload_busy_percent / 100,
              onWorkerFailure: (error) =>
                this.log.warn(`a signature worker failed and is replaced: ${error.message}`),
            },
            registry,
          )
        : undefined;
    this.unrouteSignatures = this.signatures ? routeEd25519Verification(this.signatures) : () => {};
    if (this.signatures && host.peerId.publicKey && !isRoutedKey(host.peerId.publicKey))
      this.log.warn(
        'signature checks stay on the event loop: libp2p peer IDs use another copy of @libp2p/crypto than gossip-node (deduplicate node_modules)',
      );
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.host.start();
    } catch (error) {
      throw hostListenError(error) ?? error;
    }
    const addresses = this.host.getMultiaddrs().map(String).join(', ');
    this.log.log(
      `libp2p host started: peer ${this.host.peerId.toString()} (key from ${this.key.source}) listening on ${addresses}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
    this.unrouteSignatures();
    await this.signatures?.close();
  }
}
