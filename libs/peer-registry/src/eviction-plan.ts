import { isBannedAt } from './ban-mirror.js';
import { lastActivityMs, type PeerRecord } from './peer-record.js';
import { byText } from './ordering.js';

export interface RegistryLimits {
  /** p2p_peer_registry_max_size; 0 = no size limit. */
  readonly maxSize: number;
  /** p2p_peer_registry_ttl; 0 = no idle limit. */
  readonly ttlMs: number;
}

export interface EvictionPlan {
  /** Idle longer than the TTL. */
  readonly expired: readonly string[];
  /** The least recently active, over the size limit. */
  readonly overCapacity: readonly string[];
}

/** Connected and currently banned peers are never evicted; a ban that ran out does not count. */
function isExempt(record: PeerRecord, nowMs: number): boolean {
  return record.isConnected || isBannedAt(record, nowMs);
}

/**
 * Teranode's Cleanup (§2.2) as a plan: first every non-exempt peer whose last activity (newer of
 * LastSeen and LastMessageTime; none counts as idle for ever) is more than `ttlMs` ago, then the
 * least recently active until the non-exempt peers fit in `maxSize` minus the exempt ones.
 */
export function planEviction(
  records: Iterable<PeerRecord>,
  { maxSize, ttlMs }: RegistryLimits,
  nowMs: number,
): EvictionPlan {
  const isIdle = (record: PeerRecord) => {
    const activity = lastActivityMs(record);
    return activity === undefined || nowMs - activity > ttlMs;
  };
  let exemptCount = 0;
  const expired: string[] = [];
  const kept: PeerRecord[] = [];
  for (const record of records) {
    if (isExempt(record, nowMs)) exemptCount++;
    else if (ttlMs > 0 && isIdle(record)) expired.push(record.id);
    else kept.push(record);
  }
  if (maxSize <= 0) return { expired, overCapacity: [] };

  const excess = kept.length - Math.max(0, maxSize - exemptCount);
  if (excess <= 0) return { expired, overCapacity: [] };
  const oldestFirst = kept.sort(
    (a, b) => (lastActivityMs(a) ?? 0) - (lastActivityMs(b) ?? 0) || byText(a.id, b.id),
  );
  return { expired, overCapacity: oldestFirst.slice(0, excess).map((r) => r.id) };
}
