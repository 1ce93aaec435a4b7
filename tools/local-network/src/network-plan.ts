import type { NetworkIdentity } from './network-identity.js';

export type ServiceApp =
  'blockchain-simulator' | 'ban-service' | 'gossip-node' | 'kafka-bridge' | 'ws-gateway';

export interface PlannedService {
  app: ServiceApp;
  /** Unique within the network: `gossip-node node2`. */
  label: string;
  /** Settings for this service, on top of the operator's environment. */
  settings: Record<string, string>;
}

export interface NetworkPlan {
  services: PlannedService[];
  /** What a person needs to use the network. */
  endpoints: {
    websocket: string;
    dashboard: string;
    banServiceGrpc: string;
    gossipNodeGrpc: string[];
    /** The node the dashboard and p2pctl speak to: node1, or the node behind. */
    operatedNodeGrpc: string;
    /** The node that starts behind (its own simulator, at genesis), when asked for. */
    behindNode: string | undefined;
    nodes: { name: string; peerId: string; address: string }[];
    /** Each service's HTTP base URL (health, metrics), by its label. */
    http: { label: string; url: string }[];
  };
}

export interface PlanOptions {
  identity: NetworkIdentity;
  basePort: number;
  blockInterval: string;
  databaseUrl: string;
  network: string;
  /** The last node follows a simulator of its own that mines nothing: it starts behind. */
  behind: boolean;
}

/** The behind node's simulator mines its first block after this long: far beyond any demo. */
const BEHIND_BLOCK_INTERVAL = '24h';
/** The behind node's Teranode has a Kafka of its own: its blocks topic is not kafka-bridge's. */
const BEHIND_BLOCKS_TOPIC = 'blocks-behind';

const HOST = '127.0.0.1';

/**
 * Ports and settings of every service of the local network. Ports are fixed offsets from
 * `basePort` so that addresses stay the same from one start to the next.
 *
 * It reads as one network: node1 announces what the simulator mines, as the node whose
 * Teranode mined it would; the other nodes follow the same simulated chain listen_only, since
 * announcing it too would have every node announce every block at the same instant. Nodes
 * start in order and each dials the nodes started before it, so every pair is connected and
 * no node dials one that does not listen yet; ws-gateway starts before them.
 *
 * With `behind`, the last node follows a second simulator that stays at its genesis block, so
 * its peers are ahead of it: its sync coordinator chooses node1 (the one that announces a
 * DataHub URL) and sends the catch-up trigger on a blocks topic of its own, where that
 * simulator reads it and reports CATCHINGBLOCKS, as Teranode's block validation would make it,
 * so the node keeps node1 as its sync peer. Nothing serves the local DataHub URLs, so that
 * node skips the DataHub health check, and the dashboard and p2pctl speak to it.
 */
export function planNetwork(options: PlanOptions): NetworkPlan {
  const at = (offset: number) => `${HOST}:${options.basePort + offset}`;
  const simulatorGrpc = at(0);
  const behindSimulatorGrpc = at(6);
  const banGrpc = at(2);
  const gatewayHttp = at(5);
  const nodes = options.identity.nodes.map((node, i) => ({
    ...node,
    p2pPort: options.basePort + 10 + i * 3,
    grpc: at(11 + i * 3),
    http: at(12 + i * 3),
  }));
  const behindIndex = options.behind && nodes.length >= 2 ? nodes.length - 1 : undefined;
  const operated = nodes[behindIndex ?? 0]!;
  const multiaddr = (n: (typeof nodes)[number]) => `/ip4/${HOST}/tcp/${n.p2pPort}/p2p/${n.peerId}`;
  const common = {
    network: options.network,
    grpc_admin_api_key: options.identity.adminApiKey,
    blockchain_grpc_address: simulatorGrpc,
    ban_service_grpc_address: banGrpc,
    p2p_grpc_address: nodes[0]!.grpc,
  };
  const services: PlannedService[] = [
    {
      app: 'blockchain-simulator',
      label: 'blockchain-simulator',
      settings: {
        ...common,
        simulator_grpc_listen_address: simulatorGrpc,
        simulator_http_listen_address: at(1),
        simulator_block_interval: options.blockInterval,
        // A block persister that keeps up: the nodes following it say storage "full".
        simulator_block_persister_lag: '0',
      },
    },
    ...(behindIndex === undefined
      ? []
      : [
          {
            app: 'blockchain-simulator' as const,
            label: 'blockchain-simulator behind',
            settings: {
              ...common,
              simulator_grpc_listen_address: behindSimulatorGrpc,
              simulator_http_listen_address: at(7),
              simulator_block_interval: BEHIND_BLOCK_INTERVAL,
              simulator_block_persister_lag: '0',
              // Its block validation, as far as the FSM goes: the catch-up trigger makes it
              // CATCHINGBLOCKS, so the node keeps its sync peer.
              simulator_catch_up: 'true',
              KAFKA_BLOCKS: BEHIND_BLOCKS_TOPIC,
            },
          },
        ]),
    {
      app: 'ban-service',
      label: 'ban-service',
      settings: {
        ...common,
        DATABASE_URL: options.databaseUrl,
        ban_service_grpc_listen_address: banGrpc,
        ban_service_http_listen_address: at(3),
      },
    },
    // Before the nodes: it sees each node's first node_status, so it greets with all of them.
    {
      app: 'ws-gateway',
      label: 'ws-gateway',
      settings: {
        ...common,
        p2p_grpc_address: operated.grpc,
        p2p_http_listen_address: gatewayHttp,
      },
    },
    ...nodes.map((node, i) => ({
      app: 'gossip-node' as const,
      label: `gossip-node ${node.name}`,
      settings: {
        ...common,
        DATABASE_URL: options.databaseUrl,
        clientName: node.name,
        p2p_node_name: node.name,
        p2p_private_key: node.privateKeyHex,
        p2p_shared_key: options.identity.sharedKeyHex,
        p2p_dht_use_private: 'true',
        p2p_listen_addresses: HOST,
        p2p_port: String(node.p2pPort),
        p2p_static_peers: nodes.slice(0, i).map(multiaddr).join('|'),
        listen_mode: i === 0 ? 'full' : 'listen_only',
        p2p_grpc_listen_address: node.grpc,
        gossip_node_http_listen_address: node.http,
        asset_httpPublicAddress: `http://${HOST}:${node.p2pPort + 1000}/api/v1`,
        // The nodes announce 127.0.0.1 DataHub URLs, which a public network's nodes refuse.
        p2p_allow_private_ips: 'true',
        p2p_min_peers: '1',
        ...(i === behindIndex && {
          blockchain_grpc_address: behindSimulatorGrpc,
          p2p_health_check_enabled: 'false',
          KAFKA_BLOCKS: BEHIND_BLOCKS_TOPIC,
        }),
      },
    })),
    {
      app: 'kafka-bridge',
      label: 'kafka-bridge',
      settings: { ...common, kafka_bridge_http_listen_address: at(4) },
    },
  ];
  return {
    services,
    endpoints: {
      websocket: `ws://${gatewayHttp}/p2p-ws`,
      dashboard: `http://${gatewayHttp}/`,
      banServiceGrpc: banGrpc,
      gossipNodeGrpc: nodes.map((n) => n.grpc),
      operatedNodeGrpc: operated.grpc,
      behindNode: behindIndex === undefined ? undefined : operated.name,
      nodes: nodes.map((n) => ({ name: n.name, peerId: n.peerId, address: multiaddr(n) })),
      http: services.map((service) => ({
        label: service.label,
        url: `http://${Object.entries(service.settings).find(([key]) => key.endsWith('http_listen_address'))![1]}`,
      })),
    },
  };
}
