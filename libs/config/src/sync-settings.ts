import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import { boolKind, durationKind, MAX_TIMER_MS, peerIdKind } from './setting-kinds.js';

/**
 * gossip-node's sync coordinator (reference-peer-registry.md §4–§6): which peer the local
 * Teranode catches up from, chosen from the shared peer registry.
 */
export const syncSettings = declareSettings('sync', {
  p2p_force_sync_peer: optionalSetting({
    kind: peerIdKind(),
    unset: 'the coordinator chooses by reputation',
    meaning:
      'The peer ID the sync coordinator always catches up from, whatever its state, with no fallback while it is missing from the registry.',
  }),
  p2p_allow_pruned_node_fallback: setting({
    kind: boolKind(),
    default: true,
    meaning:
      'When true, the sync coordinator falls back to pruned (or unknown-storage) peers ahead of the node when no full node is, the one nearest the local height first.',
  }),
  p2p_sync_coordinator_periodic_evaluation_interval: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 30_000,
    meaning:
      'How often the sync coordinator re-evaluates its sync peer (gone, reputation below 20, stalled, or reached).',
  }),
  p2p_health_check_enabled: setting({
    kind: boolKind(),
    default: true,
    meaning:
      "When true, the sync coordinator probes a candidate's DataHub URL (GET <url>/bestblockheader, 2 s, any 2xx passes) before choosing it.",
  }),
});
