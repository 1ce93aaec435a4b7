import { ascending, byText } from './ordering.js';
import type { PeerRecord } from './peer-record.js';

/**
 * Full nodes prefer the highest peer; pruned (or unknown) ones the lowest, whose pruning
 * window is youngest, to limit the risk of asking for UTXO data already pruned.
 */
export type SyncPhase = 'full' | 'pruned';

/** What the order looks at; also what a candidate answer carries (gossip_node.SyncCandidate). */
export type RankedValues = Pick<
  PeerRecord,
  'id' | 'reputationScore' | 'avgResponseTimeMs' | 'banScore' | 'height'
>;

/** The keys of the selection order, first to last. */
export type SyncOrderKey =
  'reputation' | 'response-time-measured' | 'response-time' | 'ban-score' | 'height' | 'peer-id';

interface OrderKey {
  readonly key: SyncOrderKey;
  /** < 0 when `a` goes first. */
  compare(a: RankedValues, b: RankedValues, phase: SyncPhase): number;
  /** Why `after` went after `before`, for people (`p2pctl sync-peer --why`). */
  explain(before: RankedValues, after: RankedValues, phase: SyncPhase): string;
}

const measured = (p: RankedValues) => p.avgResponseTimeMs > 0;
const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * Teranode's selection order (§4 step 5): reputation descending; measured response time
 * before unmeasured, then faster first; ban score ascending; height by phase; peer ID.
 */
const ORDER: readonly OrderKey[] = [
  {
    key: 'reputation',
    compare: (a, b) => ascending(b.reputationScore, a.reputationScore),
    explain: (before, after) =>
      `reputation ${after.reputationScore.toFixed(2)} < ${before.reputationScore.toFixed(2)}`,
  },
  {
    key: 'response-time-measured',
    compare: (a, b) => Number(measured(b)) - Number(measured(a)),
    explain: () => 'response time not measured yet',
  },
  {
    key: 'response-time',
    compare: (a, b) => ascending(a.avgResponseTimeMs, b.avgResponseTimeMs),
    explain: (before, after) =>
      `response time ${ms(after.avgResponseTimeMs)} > ${ms(before.avgResponseTimeMs)}`,
  },
  {
    key: 'ban-score',
    compare: (a, b) => ascending(a.banScore, b.banScore),
    explain: (before, after) => `ban score ${after.banScore} > ${before.banScore}`,
  },
  {
    key: 'height',
    compare: (a, b, phase) =>
      phase === 'full' ? ascending(b.height, a.height) : ascending(a.height, b.height),
    explain: (before, after, phase) =>
      phase === 'full'
        ? `height ${after.height} < ${before.height} (full nodes: highest first)`
        : `height ${after.height} > ${before.height} (pruned nodes: lowest first)`,
  },
  {
    key: 'peer-id',
    compare: (a, b) => byText(a.id, b.id),
    explain: () => 'all else equal: peer ID order',
  },
];

export function compareSyncCandidates(phase: SyncPhase) {
  return (a: RankedValues, b: RankedValues): number => {
    for (const { compare } of ORDER) {
      const order = compare(a, b, phase);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/**
 * The first key of the order that put `after` behind `before` (the candidate ranked just
 * above it), with the values; undefined when the order does not put `after` behind.
 */
export function rankingKey(
  before: RankedValues,
  after: RankedValues,
  phase: SyncPhase,
): { key: SyncOrderKey; explanation: string } | undefined {
  for (const { key, compare, explain } of ORDER) {
    const order = compare(before, after, phase);
    if (order < 0) return { key, explanation: explain(before, after, phase) };
    if (order > 0) return undefined;
  }
  return undefined;
}
