import { identify } from '@libp2p/identify';
import { noise } from '@libp2p/noise';
import type { ConnectionGater, Metrics, PrivateKey } from '@libp2p/interface';
import { ping } from '@libp2p/ping';
import { preSharedKey } from '@libp2p/pnet';
import { tcp, type TCPSocketOptions } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { advertiseMultiaddrs, listenMultiaddrs, type Settings } from '@teranode-p2p/config';
import { createLibp2p } from 'libp2p';
import { connectionLiveness, type PingResult } from './connection-liveness.js';
import { dhtService, type DhtSettings } from './dht-service.js';
import { goCompatibleGossipsub, inboundFrameLimit } from './gossipsub-options.js';
import { tunedNoise } from './tuned-noise.js';
import { pnetKeyText } from './pnet-key.js';
import { grantYamuxCreditAtHalfWindow } from './yamux-window-updates.js';

export type HostSettings = DhtSettings &
  Pick<
    Settings,
    | 'p2p_port'
    | 'p2p_listen_addresses'
    | 'p2p_advertise_addresses'
    | 'p2p_shared_key'
    | 'p2p_conn_high_water'
    | 'p2p_inbound_connection_threshold'
    | 'p2p_abort_connection_on_ping_failure'
    | 'p2p_max_message_size'
  >;

/**
 * When the node listens on exactly one IPv4 address, its outbound connections leave from that
 * address too (as Go's port-reusing TCP does), so peers and IP bans see the address it
 * listens on. @libp2p/tcp passes dialOpts on to net.connect.
 */
function tcpDialOptions(settings: HostSettings): TCPSocketOptions | undefined {
  const [only, ...others] = settings.p2p_listen_addresses;
  if (
    only === undefined ||
    others.length > 0 ||
    only.hostProtocol !== 'ip4' ||
    only.host === '0.0.0.0'
  )
    return undefined;
  return { localAddress: only.host } as TCPSocketOptions;
}

export interface HostOptions {
  connectionGater?: ConnectionGater;
  metrics?: Metrics;
  /**
   * Noise and yamux exactly as libp2p ships them (no cheap frame lengths, no half-window
   * credit): the baseline the benchmarks compare gossip-node with. The yamux change is
   * process-wide once any tuned host was made, so a stock host needs a process of its own.
   */
  stockWire?: boolean;
  /** Every connection ping's outcome (not for a stock host, which runs libp2p's monitor). */
  onPing?: (result: PingResult) => void;
}

/** The libp2p host: TCP + noise + yamux, identify, ping, optional pnet, gossipsub, DHT. Not started. */
export async function createLibp2pHost(
  settings: HostSettings,
  privateKey: PrivateKey,
  { connectionGater, metrics, stockWire = false, onPing }: HostOptions = {},
) {
  const announce = advertiseMultiaddrs(settings);
  const dht = dhtService(settings);
  if (!stockWire) grantYamuxCreditAtHalfWindow();
  return createLibp2p({
    start: false,
    privateKey,
    addresses: {
      listen: [...listenMultiaddrs(settings)],
      ...(announce.length > 0 ? { announce: [...announce] } : {}),
      // A silent node tells no peer where it listens (identify and peer records stay empty).
      ...(settings.listen_mode === 'silent' ? { announceFilter: () => [] } : {}),
    },
    transports: [tcp({ dialOpts: tcpDialOptions(settings) })],
    connectionEncrypters: [stockWire ? noise() : tunedNoise()],
    // Our liveness pings replace yamux's keep-alive (same frame, every 10 s instead of 30 s).
    streamMuxers: [yamux(stockWire ? {} : { enableKeepAlive: false })],
    ...(settings.p2p_shared_key !== undefined
      ? { connectionProtector: preSharedKey({ psk: pnetKeyText(settings.p2p_shared_key) }) }
      : {}),
    connectionManager: {
      // The trimmer acts at high water; libp2p's hard cap leaves it room for the peer that
      // tipped the count over (several connections per peer are possible).
      maxConnections: settings.p2p_conn_high_water * 2,
      inboundConnectionThreshold: settings.p2p_inbound_connection_threshold,
    },
    connectionMonitor: stockWire
      ? { abortConnectionOnPingFailure: settings.p2p_abort_connection_on_ping_failure }
      : { enabled: false },
    ...(connectionGater ? { connectionGater } : {}),
    ...(metrics ? { metrics: () => metrics } : {}),
    services: {
      identify: identify(),
      ping: ping(),
      ...(stockWire
        ? {}
        : {
            liveness: connectionLiveness({
              abortOnFailure: settings.p2p_abort_connection_on_ping_failure,
              ...(onPing ? { onPing } : {}),
            }),
          }),
      pubsub: goCompatibleGossipsub({
        maxInboundDataLength: inboundFrameLimit(settings.p2p_max_message_size),
      }),
      ...(dht === undefined ? {} : { dht }),
    },
  });
}

export type Libp2pHost = Awaited<ReturnType<typeof createLibp2pHost>>;
