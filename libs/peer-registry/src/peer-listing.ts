import { isBannedAt, withoutExpiredBan } from './ban-mirror.js';
import {
  FULL_STORAGE,
  PRUNED_STORAGE,
  type PeerRecord,
  type TransportType,
} from './peer-record.js';
import { byText } from './ordering.js';

/** Teranode's List filters; each left out = no filter. */
export interface PeerListFilter {
  readonly transport?: TransportType;
  readonly minReputation?: number;
  /** Inclusive. */
  readonly minHeight?: number;
  readonly excludeBanned?: boolean;
  /** Storage first: full, then pruned, then unknown. */
  readonly sortByStorage?: boolean;
}

/** full 3 > pruned 2 > anything else 1. */
export function storageRank(storage: string): number {
  if (storage === FULL_STORAGE) return 3;
  if (storage === PRUNED_STORAGE) return 2;
  return 1;
}

function compareListed(sortByStorage: boolean) {
  return (a: PeerRecord, b: PeerRecord): number =>
    (sortByStorage ? storageRank(b.storage) - storageRank(a.storage) : 0) ||
    b.reputationScore - a.reputationScore ||
    (b.lastInteractionSuccessMs ?? 0) - (a.lastInteractionSuccessMs ?? 0) ||
    byText(a.id, b.id);
}

/**
 * List (and GetPeerRegistry with no filter): expired bans cleared first, filtered, reputation
 * descending, ties to the most recent success (then peer ID, where Teranode's order is
 * arbitrary).
 */
export function listPeers(
  records: Iterable<PeerRecord>,
  filter: PeerListFilter,
  nowMs: number,
): PeerRecord[] {
  const { transport, minReputation = 0, minHeight = 0, excludeBanned = false } = filter;
  const listed: PeerRecord[] = [];
  for (const record of records) {
    const peer = withoutExpiredBan(record, nowMs);
    if (excludeBanned && isBannedAt(peer, nowMs)) continue;
    if (transport !== undefined && peer.transport !== transport) continue;
    if (peer.reputationScore < minReputation || peer.height < minHeight) continue;
    listed.push(peer);
  }
  return listed.sort(compareListed(filter.sortByStorage ?? false));
}

/**
 * Most peers one GetPeersForCatchup answer carries: the registry's default size
 * (p2p_peer_registry_max_size), so by default every peer fits, and about 2 MB on the wire.
 */
export const CATCHUP_LIST_MAX = 10_000;

/**
 * GetPeersForCatchup: not banned, with a DataHub URL; full before pruned before unknown, then
 * reputation, then the most recent success.
 */
export function listForCatchup(records: Iterable<PeerRecord>, nowMs: number): PeerRecord[] {
  return listPeers(records, { excludeBanned: true, sortByStorage: true }, nowMs).filter(
    (p) => p.dataHubUrl !== '',
  );
}
