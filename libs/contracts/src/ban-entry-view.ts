import { LAST_DATE_MS } from './unix-time.js';
import type { BanEntry } from './generated/ban_service.js';
import { BanKind, BanSource } from './generated/p2p_events.js';

/** A ban as people read it (p2pctl --json, the dashboard): names instead of enum numbers, UTC times. */
export interface BanEntryView {
  target: string;
  kind: 'ip' | 'subnet' | 'peer' | 'unknown';
  created: string;
  until: string;
  /** Unix seconds, for computing what remains. */
  expiresAt: number;
  reason: string;
  source: 'manual' | 'score' | 'unknown';
}

const KINDS: Record<number, BanEntryView['kind']> = {
  [BanKind.BAN_KIND_IP]: 'ip',
  [BanKind.BAN_KIND_SUBNET]: 'subnet',
  [BanKind.BAN_KIND_PEER]: 'peer',
};

const SOURCES: Record<number, BanEntryView['source']> = {
  [BanSource.BAN_SOURCE_MANUAL]: 'manual',
  [BanSource.BAN_SOURCE_SCORE]: 'score',
};

/** Unix seconds as ISO-8601 UTC without milliseconds; `-` for 0; the number past any date. */
export function formatUnixTime(unixSeconds: number): string {
  if (!(unixSeconds > 0)) return '-';
  if (unixSeconds * 1000 > LAST_DATE_MS) return String(unixSeconds);
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function banEntryView(entry: BanEntry): BanEntryView {
  return {
    target: entry.value,
    kind: KINDS[entry.kind] ?? 'unknown',
    created: formatUnixTime(Number(entry.created_at)),
    until: formatUnixTime(Number(entry.expires_at)),
    expiresAt: Number(entry.expires_at),
    reason: entry.reason,
    source: SOURCES[entry.source] ?? 'unknown',
  };
}
