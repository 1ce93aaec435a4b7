/**
 * BanEvents (proto/p2p_events.proto) ↔ ban records, and applying an event to a BanSet: what
 * every holder of a ban-set copy (ban-service replicas, gossip-node) does with p2p.ban-events.
 */
import { p2p_events } from '@teranode-p2p/contracts';
import type { BanKind } from './ban-address.js';
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

/** The record an ADDED event describes (its created time is the commit time). */
export function recordFromEvent(event: BanEvent): BanRecord | undefined {
  const kind = kindFromProto(event.kind);
  if (!kind) return undefined;
  return {
    kind,
    value: event.value,
    createdAtMs: Number(event.at_ms),
    expiresAtMs: Number(event.until) * 1000,
    reason: event.reason,
    source: sourceFromProto(event.source),
  };
}

/** Applies one change to a ban set; false when the event names nothing known (ignored). */
export function applyBanEvent(set: BanSet, event: BanEvent): boolean {
  switch (event.action) {
    case BanAction.BAN_ACTION_ADDED: {
      const record = recordFromEvent(event);
      if (!record) return false;
      set.put(record);
      return true;
    }
    case BanAction.BAN_ACTION_REMOVED:
    case BanAction.BAN_ACTION_EXPIRED: {
      const record = recordFromEvent(event);
      if (!record) return false;
      set.remove(record.kind, record.value);
      return true;
    }
    case BanAction.BAN_ACTION_CLEARED:
      set.clear();
      return true;
    default:
      return false;
  }
}
