import type { HostPort } from './host-port.js';
import { declareSettings, setting } from './setting-definition.js';
import { durationKind, hostPortKind, MAX_TIMER_MS, nonNegativeIntKind } from './setting-kinds.js';

const listenAddress = hostPortKind({ listen: true });
const dialAddress = hostPortKind({ listen: false });

function allInterfaces(port: number): HostPort {
  return Object.freeze({ host: '', port });
}

function localhost(port: number): HostPort {
  return Object.freeze({ host: 'localhost', port });
}

/** Where each service listens (gRPC, HTTP health/metrics) and where the others dial it. */
export const serviceSettings = declareSettings('services', {
  p2p_grpc_listen_address: setting({
    kind: listenAddress,
    default: allInterfaces(9904),
    aliases: ['p2p_grpcListenAddress'],
    meaning: 'Where gossip-node serves the Teranode-compatible p2p_api.PeerService gRPC API.',
  }),
  p2p_grpc_address: setting({
    kind: dialAddress,
    default: localhost(9904),
    aliases: ['p2p_grpcAddress', 'gossip_node_grpc_address'],
    meaning: "Where other services and p2pctl dial gossip-node's gRPC API.",
  }),
  ban_service_grpc_listen_address: setting({
    kind: listenAddress,
    default: allInterfaces(9907),
    meaning: 'Where ban-service serves its gRPC API.',
  }),
  ban_service_grpc_address: setting({
    kind: dialAddress,
    default: localhost(9907),
    meaning: 'Where gossip-node, kafka-bridge and p2pctl dial ban-service.',
  }),
  blockchain_grpc_address: setting({
    kind: dialAddress,
    default: localhost(8087),
    aliases: ['blockchain_grpcAddress'],
    meaning: 'Where gossip-node dials the Teranode blockchain service.',
  }),
  gossip_node_http_listen_address: setting({
    kind: listenAddress,
    default: allInterfaces(9910),
    meaning: 'Where gossip-node serves /health/liveness, /health/readiness and /metrics.',
  }),
  ban_service_http_listen_address: setting({
    kind: listenAddress,
    default: allInterfaces(9911),
    meaning: 'Where ban-service serves /health/liveness, /health/readiness and /metrics.',
  }),
  kafka_bridge_http_listen_address: setting({
    kind: listenAddress,
    default: allInterfaces(9912),
    meaning: 'Where kafka-bridge serves /health/liveness, /health/readiness and /metrics.',
  }),
  grpc_max_retries: setting({
    kind: nonNegativeIntKind(),
    default: 40,
    meaning:
      'How many more times a gRPC call is tried within its deadline after an UNAVAILABLE that cannot repeat an effect: no connection to the server was made, or the call is a read (0: one attempt; Teranode counts the first attempt in it).',
  }),
  grpc_retry_backoff: setting({
    kind: durationKind({ allowZero: true, maxMs: MAX_TIMER_MS }),
    default: 250,
    meaning:
      'Wait between two attempts of a gRPC call (fixed, as in Teranode); a client reconnects to a service that is down after this long (at least 100ms), backing off up to 5s while it stays down.',
  }),
});
