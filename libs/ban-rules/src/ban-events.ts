/**
 * BanEvents (proto/p2p_events.proto) ↔ ban records, and applying an event to a BanSet: what
 * every holder of a ban-set copy (ban-service replicas, gossip-node) does with p2p.ban-events.
 */
import { p2p_events, type ban_service } from '@teranode-p2p/contracts';
import { BanTargetError, type BanKind } from './ban-address.js';
import type { BanRecord, BanSet, BanSource } from './ban-set.js';

const { BanAction } = p2p_events;
type BanEvent = p2p_events.BanEvent;

const KIND_TO_PROTO: Record<BanKind, p2p_events.BanKind> = {
  ip: p2p_events.BanKind.BAN_KIND_IP,
  subnet: p2p_events.BanKind.BAN_KIND_SUBNET,
  peer: p2p_events.BanKind.BAN_KIND_PEER,
};

const SOURCE_TO_PROTO: Record<BanSource, p2p_events.BanSource> = {
  manual: p2p_events.BanSource.BAN_SOURCE_MANUAL,
  score: p2p_events.BanSource.BAN_SOURCE_SCORE,
};

export function kindToProto(kind: BanKind): p2p_events.BanKind {
  return KIND_TO_PROTO[kind];
}

export function kindFromProto(kind: p2p_events.BanKind): BanKind | undefined {
  return (Object.keys(KIND_TO_PROTO) as BanKind[]).find((k) => KIND_TO_PROTO[k] === kind);
}

export function sourceToProto(source: BanSource): p2p_events.BanSource {
  return SOURCE_TO_PROTO[source];
}

export function sourceFromProto(source: p2p_events.BanSource): BanSource {
  return source === p2p_events.BanSource.BAN_SOURCE_SCORE ? 'score' : 'manual';
}

export const toSeconds = (ms: number): number => Math.floor(ms / 1000);

/** A record as the BanEvent that announces it (added, removed or expired). */
export function banEvent(action: p2p_events.BanAction, record: BanRecord, atMs: number): BanEvent {
  return {
    action,
    kind: kindToProto(record.kind),
    value: record.value,
    until: action === BanAction.BAN_ACTION_ADDED ? String(toSeconds(record.expiresAtMs)) : '0',
    reason: record.reason,
    source: sourceToProto(record.source),
    at_ms: String(atMs),
  };
}

/** Every ban (of every kind) is gone. */
export function clearedEvent(atMs: number): BanEvent {
  return {
    action: BanAction.BAN_ACTION_CLEARED,
    kind: p2p_events.BanKind.BAN_KIND_UNSPECIFIED,
    value: '',
    until: '0',
    reason: '',
    source: p2p_events.BanSource.BAN_SOURCE_UNSPECIFIED,
    at_ms: String(atMs),
  };
}

/**
 * The ban an ADDED event or a listed entry describes (its created time is the commit time).
 * Every ban ban-service makes ends at a time in the future: one without an end (`until` 0) or
 * of no known kind is malformed and describes nothing.
 */
function recordOf(
  kind: p2p_events.BanKind,
  value: string,
  createdAtMs: number,
  untilSeconds: string,
  reason: string,
  source: p2p_events.BanSource,
): BanRecord | undefined {
  const banKind = kindFromProto(kind);
  const seconds = Number(untilSeconds);
  if (!banKind || !(seconds > 0)) return undefined;
  const expiresAtMs = seconds * 1000;
  return {
    kind: banKind,
    value,
    createdAtMs,
    expiresAtMs,
    reason,
    source: sourceFromProto(source),
  };
}

export function recordFromEvent(event: BanEvent): BanRecord | undefined {
  const { kind, value, at_ms, until, reason, source } = event;
  return recordOf(kind, value, Number(at_ms), until, reason, source);
}

/** The ban a ban-service List entry describes. */
export function recordFromEntry(entry: ban_service.BanEntry): BanRecord | undefined {
  const { kind, value, created_at, expires_at, reason, source } = entry;
  return recordOf(kind, value, Number(created_at) * 1000, expires_at, reason, source);
}

/** What applying one BanEvent did to a ban set. */
export type BanEventOutcome =
  | { applied: 'added'; record: BanRecord }
  | { applied: 'removed' | 'cleared' }
  | { applied: false; why: 'full' | 'malformed'; detail: string };

const CLEARED_KINDS: Partial<Record<p2p_events.BanKind, 'addresses' | 'peers'>> = {
  [p2p_events.BanKind.BAN_KIND_IP]: 'addresses',
  [p2p_events.BanKind.BAN_KIND_SUBNET]: 'addresses',
  [p2p_events.BanKind.BAN_KIND_PEER]: 'peers',
};

/**
 * Applies one committed change to a copy of the ban set: what every holder of one does with
 * p2p.ban-events (ban-service replicas, gossip-node). ADDED puts the ban (unless the set is
 * full); REMOVED and EXPIRED take out exactly that entry; CLEARED clears the kind it names, or
 * everything when it names none (what ban-service's Clear sends). An event that is malformed
 * (unknown action or kind, no end, a value that is no CIDR or peer ID) changes nothing.
 */
export function applyBanEvent(set: BanSet, event: BanEvent): BanEventOutcome {
  try {
    switch (event.action) {
      case BanAction.BAN_ACTION_ADDED: {
        const record = recordFromEvent(event);
        if (!record) return malformed(`ADDED ${event.value}: no end or no known kind`);
        if (!set.put(record)) return { applied: false, why: 'full', detail: `${event.value}` };
        return { applied: 'added', record };
      }
      case BanAction.BAN_ACTION_REMOVED:
      case BanAction.BAN_ACTION_EXPIRED: {
        const kind = kindFromProto(event.kind);
        if (!kind) return malformed(`removal of ${event.value}: no known kind`);
        set.remove(kind, event.value);
        return { applied: 'removed' };
      }
      case BanAction.BAN_ACTION_CLEARED:
        set.clear(CLEARED_KINDS[event.kind]);
        return { applied: 'cleared' };
      default:
        return malformed(`unknown action ${event.action}`);
    }
  } catch (error) {
    if (error instanceof BanTargetError) return malformed(error.message);
    throw error;
  }
}

function malformed(detail: string): BanEventOutcome {
  return { applied: false, why: 'malformed', detail };
}
