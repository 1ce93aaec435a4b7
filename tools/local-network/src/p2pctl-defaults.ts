import type { LocalNetworkP2pctlDefaults } from '@teranode-p2p/config';
import type { NetworkIdentity } from './network-identity.js';
import type { NetworkPlan } from './network-plan.js';

/** What p2pctl needs to operate this network without flags: node1 (or the node behind), ban-service, the feed, every health URL, the admin key. */
export function p2pctlDefaults(
  plan: NetworkPlan,
  identity: NetworkIdentity,
): LocalNetworkP2pctlDefaults {
  const { endpoints } = plan;
  return {
    p2p_grpc_address: endpoints.operatedNodeGrpc,
    ban_service_grpc_address: endpoints.banServiceGrpc,
    grpc_admin_api_key: identity.adminApiKey,
    P2PCTL_GATEWAY: endpoints.dashboard.replace(/\/$/, ''),
    P2PCTL_HEALTH: endpoints.http.map((h) => `${h.label}=${h.url}`).join(','),
  };
}
