import type { BanKind, BanRecord } from '@teranode-p2p/ban-rules';
import { ban_service, p2p_events } from '@teranode-p2p/contracts';

const KINDS: Partial<Record<p2p_events.BanKind, BanKind>> = {
  [p2p_events.BanKind.BAN_KIND_IP]: 'ip',
  [p2p_events.BanKind.BAN_KIND_SUBNET]: 'subnet',
  [p2p_events.BanKind.BAN_KIND_PEER]: 'peer',
};

// `until` 0 means "no end" on the wire.
const expiresAtMs = (until: string) => {
  const seconds = Number(until);
  return seconds > 0 ? seconds * 1000 : Number.MAX_SAFE_INTEGER;
};

export function banKindOf(kind: p2p_events.BanKind): BanKind | undefined {
  return KINDS[kind];
}

export function recordFromEntry(entry: ban_service.BanEntry): BanRecord | undefined {
  const kind = banKindOf(entry.kind);
  if (kind === undefined) return undefined;
  return {
    kind,
    value: entry.value,
    createdAtMs: Number(entry.created_at) * 1000,
    expiresAtMs: expiresAtMs(entry.expires_at),
    reason: entry.reason,
    source: entry.source === p2p_events.BanSource.BAN_SOURCE_SCORE ? 'score' : 'manual',
  };
}

export function recordFromEvent(event: p2p_events.BanEvent): BanRecord | undefined {
  const kind = banKindOf(event.kind);
  if (kind === undefined) return undefined;
  return {
    kind,
    value: event.value,
    createdAtMs: Number(event.at_ms),
    expiresAtMs: expiresAtMs(event.until),
    reason: event.reason,
    source: event.source === p2p_events.BanSource.BAN_SOURCE_SCORE ? 'score' : 'manual',
  };
}
