import { ascending, byText } from './ordering.js';
import type { PeerRecord } from './peer-record.js';

/**
 * Full nodes prefer the highest peer; pruned (or unknown) ones the lowest, whose pruning
 * window is youngest, to limit the risk of asking for UTXO data already pruned.
 */
export type SyncPhase = 'full' | 'pruned';

/**
 * Teranode's selection order (§4 step 5): reputation descending; measured response time
 * before unmeasured, then faster first; ban score ascending; height by phase; peer ID.
 */
export function compareSyncCandidates(phase: SyncPhase) {
  return (a: PeerRecord, b: PeerRecord): number => {
    const aMeasured = a.avgResponseTimeMs > 0;
    const bMeasured = b.avgResponseTimeMs > 0;
    return (
      ascending(b.reputationScore, a.reputationScore) ||
      Number(bMeasured) - Number(aMeasured) ||
      ascending(a.avgResponseTimeMs, b.avgResponseTimeMs) ||
      ascending(a.banScore, b.banScore) ||
      (phase === 'full' ? ascending(b.height, a.height) : ascending(a.height, b.height)) ||
      byText(a.id, b.id)
    );
  };
}
