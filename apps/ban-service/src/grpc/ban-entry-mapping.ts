import type { ban_service } from '@teranode-p2p/contracts';
import {
  kindToProto,
  sourceToProto,
  toSeconds,
  type BanRecord,
  type PeerScoreState,
} from '@teranode-p2p/ban-rules';

export function toBanEntry(record: BanRecord): ban_service.BanEntry {
  return {
    kind: kindToProto(record.kind),
    value: record.value,
    created_at: String(toSeconds(record.createdAtMs)),
    expires_at: String(toSeconds(record.expiresAtMs)),
    reason: record.reason,
    source: sourceToProto(record.source),
  };
}

export function toPeerScore(
  peerId: string,
  state: PeerScoreState | undefined,
  nowMs: number,
): ban_service.PeerScore {
  const banned = state?.bannedUntilMs != null && state.bannedUntilMs > nowMs;
  return {
    peer_id: peerId,
    score: state?.score ?? 0,
    banned,
    banned_until: banned ? String(toSeconds(state!.bannedUntilMs!)) : '0',
    recent_reasons: (state?.reasons ?? []).map((r) => ({
      reason: r.reason,
      points: r.points,
      at: String(toSeconds(r.atMs)),
    })),
  };
}
