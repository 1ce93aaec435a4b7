import { MESSAGE_KINDS, type MessageKind } from './peer-lines.js';
import { mean, spread, type Spread } from './stats.js';
import type { Implementation, Population } from './topology.js';

export interface Publication {
  id: string;
  kind: MessageKind;
  publisher: number;
  t: number;
}

/** What netsim knows of one node at the end of a run. */
export interface NodeFacts {
  index: number;
  implementation: Implementation;
  /** Up intervals (ms); a node is expected to receive what was gossiped while it was up. */
  up: { from: number; to?: number }[];
  /** CPU and duplicates during the workload. */
  cpuSeconds: number;
  peakRssBytes: number;
  /** Bytes through the node's links over its whole run, start-up to stop (see toxiproxy.ts). */
  bytesIn: number;
  bytesOut: number;
  duplicates: number;
  /** Mesh degree on the block topic, sampled once a second: [t, degree]. */
  mesh: [number, number][];
  /** Connected peers, sampled with the mesh: [t, peers]. */
  peers: [number, number][];
}

export interface DirectionResult {
  /** `ours→go`: published by an ours node, received by Go nodes. */
  direction: string;
  kind: MessageKind;
  messages: number;
  expected: number;
  delivered: number;
  ratio: number;
  /** Publish → the last expected receiver of the direction, ms, over fully delivered messages. */
  propagationMs: Spread;
}

export interface NodeResult {
  index: number;
  implementation: Implementation;
  delivered: number;
  duplicatesPerMessage: number;
  bytesPerMessage: number;
  cpuSeconds: number;
  cpuMsPerDelivered: number;
  peakRssMiB: number;
}

export interface ImplementationSummary {
  implementation: Implementation;
  nodes: number;
  duplicatesPerMessage: number;
  bytesPerMessage: number;
  cpuSecondsPerNode: number;
  cpuMsPerDelivered: number;
  peakRssMiB: number;
  /** Mean mesh degree (block topic) per 10 s of the workload. */
  meshDegree: number[];
  /** Mean connected peers per node over the workload (what the mesh is chosen from). */
  connectedPeers: number;
}

export interface RunResult {
  population: Population;
  round: number;
  nodes: number;
  links: number;
  workloadMs: number;
  published: Record<MessageKind, number>;
  directions: DirectionResult[];
  perNode: NodeResult[];
  summary: ImplementationSummary[];
  directConnections: number;
  /** The machine during the workload: 1-minute load average (mean, max) and cores the nodes used. */
  machine: { loadMean: number; loadMax: number; nodeCores: number };
  faults: string[];
  errors: string[];
  /** Messages some expected node never received (the first MAX_MISSING): when, by whom, who missed. */
  missing: { id: string; kind: MessageKind; publisher: number; atMs: number; nodes: number[] }[];
  /** Every fully delivered message's propagation (ms) by direction, for the CDF plot. */
  samples: Record<string, number[]>;
}

/** How long before a publication a node must have been up, and after it stay up, to be expected. */
export const EXPECT_UP_BEFORE_MS = 5000;
export const EXPECT_UP_AFTER_MS = 10_000;
const MAX_MISSING = 100;

function upThroughout(node: NodeFacts, from: number, to: number): boolean {
  return node.up.some((u) => u.from <= from && (u.to === undefined || u.to >= to));
}

/**
 * Publications and first deliveries of one run. A delivery counts for a publication of the
 * workload by its id, once per node; deliveries of anything else (start-up status) are ignored.
 */
export class Collector {
  private readonly publications = new Map<string, Publication>();
  private readonly deliveries = new Map<string, Map<number, number>>();
  readonly errors: string[] = [];
  private static readonly MAX_ERRORS = 200;

  /**
   * A publication: first when netsim sends the command (its time), again when the node
   * reports it with its own time, which replaces netsim's.
   */
  published(publication: Publication): void {
    const known = this.publications.get(publication.id);
    if (!known) this.publications.set(publication.id, publication);
    else if (known.publisher === publication.publisher) known.t = publication.t;
  }

  delivered(id: string, node: number, t: number): void {
    let byNode = this.deliveries.get(id);
    if (!byNode) this.deliveries.set(id, (byNode = new Map()));
    if (!byNode.has(node)) byNode.set(node, t);
  }

  error(text: string): void {
    if (this.errors.length < Collector.MAX_ERRORS) this.errors.push(text);
  }

  /** Deliveries to `node` of the workload's publications. */
  deliveredTo(node: number, from: number, to: number): number {
    let count = 0;
    for (const publication of this.publications.values())
      if (
        publication.t >= from &&
        publication.t <= to &&
        this.deliveries.get(publication.id)?.has(node)
      )
        count++;
    return count;
  }

  result(
    base: Pick<
      RunResult,
      'population' | 'round' | 'nodes' | 'links' | 'directConnections' | 'faults' | 'machine'
    >,
    nodes: NodeFacts[],
    window: { from: number; to: number },
  ): RunResult {
    // A publication counts when its publisher had been up as long as a receiver must be
    // (a node just restarted may have no links yet: what it sends then is not gossiped).
    const inWindow = [...this.publications.values()].filter(
      (p) =>
        p.t >= window.from &&
        p.t <= window.to &&
        upThroughout(nodes[p.publisher]!, p.t - EXPECT_UP_BEFORE_MS, p.t),
    );
    const published = Object.fromEntries(
      MESSAGE_KINDS.map((kind) => [kind, inWindow.filter((p) => p.kind === kind).length]),
    ) as Record<MessageKind, number>;
    const implementations = [...new Set(nodes.map((n) => n.implementation))].sort();
    const directions: DirectionResult[] = [];
    const missing: RunResult['missing'] = [];
    const samples: Record<string, number[]> = {};
    for (const source of implementations)
      for (const target of implementations)
        for (const kind of MESSAGE_KINDS) {
          const direction = `${source}→${target}`;
          const messages = inWindow.filter(
            (p) => p.kind === kind && nodes[p.publisher]!.implementation === source,
          );
          let expected = 0;
          let delivered = 0;
          const propagation: number[] = [];
          for (const p of messages) {
            const receivers = nodes.filter(
              (n) =>
                n.implementation === target &&
                n.index !== p.publisher &&
                upThroughout(n, p.t - EXPECT_UP_BEFORE_MS, p.t + EXPECT_UP_AFTER_MS),
            );
            const got = this.deliveries.get(p.id);
            const times = receivers.map((n) => got?.get(n.index));
            expected += receivers.length;
            const arrived = times.filter((t): t is number => t !== undefined);
            delivered += arrived.length;
            if (receivers.length > 0 && arrived.length === receivers.length)
              propagation.push(Math.max(0, Math.max(...arrived) - p.t));
            else if (arrived.length < receivers.length && missing.length < MAX_MISSING)
              missing.push({
                id: p.id,
                kind,
                publisher: p.publisher,
                atMs: p.t - window.from,
                nodes: receivers.filter((_, i) => times[i] === undefined).map((n) => n.index),
              });
          }
          if (messages.length === 0) continue;
          directions.push({
            direction,
            kind,
            messages: messages.length,
            expected,
            delivered,
            ratio: expected ? delivered / expected : Number.NaN,
            propagationMs: spread(propagation),
          });
          (samples[direction] ??= []).push(...propagation);
        }
    const total = inWindow.length;
    const perNode: NodeResult[] = nodes.map((n) => {
      const deliveredCount = this.deliveredTo(n.index, window.from, window.to);
      return {
        index: n.index,
        implementation: n.implementation,
        delivered: deliveredCount,
        duplicatesPerMessage: deliveredCount ? n.duplicates / deliveredCount : Number.NaN,
        bytesPerMessage: total ? (n.bytesIn + n.bytesOut) / total : Number.NaN,
        cpuSeconds: n.cpuSeconds,
        cpuMsPerDelivered: deliveredCount ? (n.cpuSeconds * 1000) / deliveredCount : Number.NaN,
        peakRssMiB: n.peakRssBytes / 1_048_576,
      };
    });
    const buckets = Math.max(1, Math.ceil((window.to - window.from) / 10_000));
    const summary: ImplementationSummary[] = implementations.map((implementation) => {
      const own = perNode.filter((n) => n.implementation === implementation);
      const facts = nodes.filter((n) => n.implementation === implementation);
      const meshDegree = Array.from({ length: buckets }, (_, b) => {
        const from = window.from + b * 10_000;
        const values = facts.flatMap((n) =>
          n.mesh.filter(([t]) => t >= from && t < from + 10_000).map(([, d]) => d),
        );
        return Math.round(mean(values) * 10) / 10;
      });
      const connectedPeers = mean(
        facts.flatMap((n) =>
          n.peers.filter(([t]) => t >= window.from && t < window.to).map(([, p]) => p),
        ),
      );
      return {
        implementation,
        nodes: own.length,
        duplicatesPerMessage: mean(own.map((n) => n.duplicatesPerMessage).filter(Number.isFinite)),
        bytesPerMessage: mean(own.map((n) => n.bytesPerMessage).filter(Number.isFinite)),
        cpuSecondsPerNode: mean(own.map((n) => n.cpuSeconds)),
        cpuMsPerDelivered: mean(own.map((n) => n.cpuMsPerDelivered).filter(Number.isFinite)),
        peakRssMiB: Math.max(...own.map((n) => n.peakRssMiB)),
        meshDegree,
        connectedPeers: Math.round(connectedPeers * 10) / 10,
      };
    });
    return {
      ...base,
      workloadMs: window.to - window.from,
      published,
      directions,
      perNode,
      summary,
      errors: this.errors,
      missing: missing.sort((a, b) => a.atMs - b.atMs),
      samples,
    };
  }
}
