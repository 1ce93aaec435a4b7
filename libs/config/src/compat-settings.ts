import { topicNameKind } from './gossip-settings.js';
import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import {
  boolKind,
  decimalKind,
  durationKind,
  hostPortKind,
  listKind,
  MAX_TIMER_MS,
  multiaddrKind,
  nonNegativeIntKind,
  peerIdKind,
  portKind,
  stringKind,
} from './setting-kinds.js';

const ACCEPTED = 'accepted for Teranode settings.conf compatibility';

/**
 * Teranode's p2p keys that this node accepts but does not act on (reference-service.md §8,
 * reference-wire.md §1.3/§1.4, reference-peer-registry.md §7.4), so that the p2p_ keys of
 * Teranode's settings.conf are all known.
 * Defaults are Teranode's: settings.go where it reads the key, else the value of its settings.conf
 * or of its v0.10 node.
 */
export const compatSettings = declareSettings('compat', {
  p2p_share_private_addresses: setting({
    kind: boolKind(),
    default: true,
    meaning: `Teranode announces p2p_listen_addresses when this is true and p2p_advertise_addresses is empty; ${ACCEPTED}: this node announces p2p_advertise_addresses, or what libp2p detects when that list is empty.`,
  }),
  p2p_relay_peers: setting({
    kind: listKind(multiaddrKind({ peerId: 'required' })),
    default: [],
    meaning: `Circuit-relay peers Teranode v0.11 dials at start and relays through (removed since; its bootstrap peers serve as relays); ${ACCEPTED}: this node uses no relays and does not dial them (p2p_static_peers keeps a peer connected).`,
  }),
  p2p_peer_cache_dir: optionalSetting({
    kind: stringKind({ type: 'path' }),
    unset: 'nothing changes (Teranode uses its working directory)',
    meaning: `Directory of Teranode's peer cache teranode_peers.json and generated key p2p.key; ${ACCEPTED}: this node keeps no peer cache and stores its generated key in the database under p2p_node_name.`,
  }),
  p2p_peer_id: optionalSetting({
    kind: peerIdKind(),
    unset: 'nothing changes',
    meaning: `The peer ID of p2p_private_key, listed per docker context in Teranode's settings.conf (only Teranode's test daemon uses it); ${ACCEPTED}: this node does not read it.`,
  }),
  p2p_httpAddress: setting({
    kind: hostPortKind({ listen: false }),
    default: Object.freeze({ host: 'localhost', port: 9906 }),
    meaning: `Where Teranode's asset service dials the p2p service's /p2p-ws feed; ${ACCEPTED}: no service of this product reads it (ws-gateway serves /p2p-ws on p2p_http_listen_address).`,
  }),
  p2p_health_check_interval: setting({
    kind: durationKind({ allowZero: true, maxMs: MAX_TIMER_MS }),
    default: 30_000,
    meaning: `How often Teranode v0.11 probes each peer's DataHub URL (0 keeps 30s; removed since); ${ACCEPTED}: this node does not probe peers' DataHub URLs.`,
  }),
  p2p_health_http_timeout: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 5_000,
    meaning: `Timeout of Teranode v0.11's DataHub URL probe (removed since); ${ACCEPTED}: this node does not probe peers' DataHub URLs.`,
  }),
  p2p_health_remove_after_failures: setting({
    kind: nonNegativeIntKind(),
    default: 3,
    meaning: `Failed DataHub URL probes in a row after which Teranode v0.11 logs a peer as failing (it never removes it; removed since); ${ACCEPTED}: this node does not probe peers' DataHub URLs.`,
  }),
  p2p_bestblock_topic: setting({
    kind: topicNameKind,
    default: 'bestblock',
    meaning: `Topic name suffix of a best-block topic that Teranode's code does not read; ${ACCEPTED}: this node joins no best-block topic.`,
  }),
  p2p_enable_nat_service: setting({
    kind: boolKind(),
    default: true,
    meaning: `NAT service switch that Teranode's code does not read (v0.11 always maps ports and runs an AutoNAT service; later versions follow p2p_enable_nat); ${ACCEPTED}: this node maps no ports and runs no AutoNAT service (behind NAT, set p2p_advertise_addresses).`,
  }),
  p2p_enable_nat_port_map: setting({
    kind: boolKind(),
    default: true,
    meaning: `UPnP/NAT-PMP port-mapping switch that Teranode's code does not read (v0.11 always maps ports; later versions follow p2p_enable_nat); ${ACCEPTED}: this node maps no ports (behind NAT, set p2p_advertise_addresses).`,
  }),
  p2p_enable_hole_punching: setting({
    kind: boolKind(),
    default: true,
    meaning: `Hole-punching switch that Teranode's code does not read (v0.11 always runs DCUtR; later versions follow p2p_enable_nat); ${ACCEPTED}: this node does not hole-punch.`,
  }),
  p2p_enable_relay: setting({
    kind: boolKind(),
    default: true,
    meaning: `Circuit-relay switch that Teranode's code does not read (v0.11 always runs the relay transport); ${ACCEPTED}: this node neither dials through relays nor accepts relayed connections.`,
  }),
  p2p_enable_nat: setting({
    kind: boolKind(),
    default: false,
    meaning: `When true, Teranode maps its p2p port on the router by UPnP/NAT-PMP and runs AutoNAT and hole punching; ${ACCEPTED}: this node does none of these whatever the value (behind NAT, forward the port and set p2p_advertise_addresses).`,
  }),
  p2p_enable_mdns: setting({
    kind: boolKind(),
    default: false,
    meaning: `When true, Teranode finds peers on the local network by multicast DNS; ${ACCEPTED}: this node sends no mDNS queries whatever the value (name local peers in p2p_static_peers).`,
  }),
  asset_peerMinerReputationThreshold: setting({
    kind: decimalKind({ min: 0, max: 100 }),
    default: 50,
    meaning: `Teranode's asset service exempts a peer from rate limits as a miner when it has sent a block and has at least this reputation; ${ACCEPTED}: no service of this product serves the asset API.`,
  }),
  p2p_optimise_retries: setting({
    kind: boolKind(),
    default: false,
    meaning: `Teranode v0.10 passed it to go-p2p as OptimiseRetries (v0.11 ignores it); ${ACCEPTED}: this node re-dials static peers with its own doubling backoff from 0.5s to 30s.`,
  }),
  p2p_sync_stuck_retry_threshold: optionalSetting({
    kind: stringKind(),
    unset: 'nothing changes',
    meaning: `Present in Teranode's settings.conf but read by no Teranode code; ${ACCEPTED}: this node does not read it either.`,
  }),
  p2p_port_coinbase: optionalSetting({
    kind: portKind(),
    unset: 'nothing changes',
    meaning: `A port that only Teranode's coinbase service reads, not its p2p service; ${ACCEPTED}: no service of this product reads it.`,
  }),
});
