import { BoundedMap } from '@teranode-p2p/bounded-collections';
import {
  inSelectionOrder,
  isViableSyncCandidate,
  type PeerRecord,
} from '@teranode-p2p/peer-registry';
/** Teranode's fixed timeout of the on-demand DataHub check (util/health.CheckHTTPServer). */
export const DATAHUB_PROBE_TIMEOUT_MS = 2000;
/** A probe result is reused for this long within and across selections. */
const PROBE_TTL_MS = 10_000;
/** Probe results kept at most (one per DataHub URL). */
export const DATAHUB_PROBE_CACHE_MAX = 10_000;
/** Probes in flight at once. */
const PROBE_CONCURRENCY = 4;
/**
 * Peers whose DataHub one selection checks at most, best-ranked first: with the 2 s timeout
 * and 4 at a time a selection waits 8 s at worst, however many peers claim to be ahead (a
 * thousand identities announcing a great height and a DataHub that never answers would
 * otherwise hold every coordinator step for over eight minutes).
 */
export const DATAHUB_PROBES_PER_SELECTION = 16;

/**
 * The DataHubs a selection checks: of the viable peers ahead of the local height, the
 * DATAHUB_PROBES_PER_SELECTION a selection would try first.
 */
export function dataHubsToProbe(
  peers: readonly PeerRecord[],
  localHeight: number,
  nowMs: number,
): string[] {
  const ahead = peers.filter((p) => p.height > localHeight && isViableSyncCandidate(p, nowMs));
  return inSelectionOrder(ahead)
    .slice(0, DATAHUB_PROBES_PER_SELECTION)
    .map((p) => p.dataHubUrl);
}

/**
 * The DataHub check of sync-peer selection (reference-peer-registry.md §6): one GET of
 * `<url>/bestblockheader`, any 2xx within 2 s passes. Teranode probes candidates one at a
 * time inside the selection; here the candidates are probed before it, a few at a time, and
 * each URL's result is kept for 10 s, so a registry of many peers does not stall selection.
 */
export class DataHubProbe {
  private readonly results = new BoundedMap<string, { healthy: boolean; atMs: number }>(
    DATAHUB_PROBE_CACHE_MAX,
  );

  get cached(): number {
    return this.results.size;
  }

  /** Probes every URL not probed within the TTL; then `healthy(url)` answers from the results. */
  async probe(urls: Iterable<string>, nowMs = Date.now()): Promise<void> {
    const due = [...new Set(urls)].filter((url) => {
      const known = this.results.get(url);
      return known === undefined || nowMs - known.atMs > PROBE_TTL_MS;
    });
    for (let i = 0; i < due.length; i += PROBE_CONCURRENCY)
      await Promise.all(due.slice(i, i + PROBE_CONCURRENCY).map((url) => this.probeOne(url)));
  }

  /** The last probe's verdict; undefined for a URL never probed. */
  healthy(url: string): boolean | undefined {
    return this.results.get(url)?.healthy;
  }

  private async probeOne(url: string): Promise<void> {
    let healthy = false;
    try {
      const response = await fetch(`${url.replace(/\/+$/, '')}/bestblockheader`, {
        signal: AbortSignal.timeout(DATAHUB_PROBE_TIMEOUT_MS),
        redirect: 'manual',
      });
      healthy = response.status >= 200 && response.status < 300;
      await response.body?.cancel();
    } catch {
      healthy = false;
    }
    this.results.set(url, { healthy, atMs: Date.now() });
  }
}
