import { banReasonPointsKind, DEFAULT_BAN_REASON_POINTS } from './ban-reason-points.js';
import { declareSettings, setting } from './setting-definition.js';
import { durationKind, MAX_TIMER_MS, positiveIntKind } from './setting-kinds.js';

const DAY_MS = 24 * 3_600_000;

/** Score-based peer bans and the IP/CIDR ban table (design.md §5). */
export const banSettings = declareSettings('ban', {
  p2p_ban_threshold: setting({
    kind: positiveIntKind(),
    default: 100,
    meaning: 'A peer is banned when its ban score reaches this value.',
  }),
  p2p_ban_reason_points: setting({
    kind: banReasonPointsKind(),
    default: DEFAULT_BAN_REASON_POINTS,
    meaning:
      'Score points per misbehaviour, as reason=points (e.g. spam=80|invalid_block=25); reasons not named keep their default.',
  }),
  p2p_ban_duration: setting({
    kind: durationKind(),
    default: DAY_MS,
    meaning: 'How long a peer banned for its score stays banned.',
  }),
  p2p_ban_default_duration: setting({
    kind: durationKind(),
    default: DAY_MS,
    meaning: 'Length of a manual ban that gives no expiry.',
  }),
  p2p_ban_max_entries: setting({
    kind: positiveIntKind(),
    default: 100_000,
    meaning:
      'Most IP/CIDR bans kept; when full a new score ban evicts the oldest score ban and a new manual ban is refused.',
  }),
  p2p_ban_decay_interval: setting({
    kind: durationKind(),
    default: 60_000,
    meaning:
      "Every such interval without new misbehaviour lowers a peer's score by p2p_ban_decay_amount.",
  }),
  p2p_ban_decay_amount: setting({
    kind: positiveIntKind(),
    default: 1,
    meaning: 'Points removed from a score per p2p_ban_decay_interval.',
  }),
  p2p_ban_max_tracked_peers: setting({
    kind: positiveIntKind(),
    default: 100_000,
    meaning: 'Most peer scores kept; the lowest unbanned scores are dropped first.',
  }),
  p2p_ban_max_reasons: setting({
    kind: positiveIntKind(1000),
    default: 20,
    meaning: 'Most recent misbehaviour reasons kept per peer.',
  }),
  p2p_ban_sweep_interval: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 60_000,
    meaning: 'How often expired bans are deleted and idle scores decayed in the database.',
  }),
});
