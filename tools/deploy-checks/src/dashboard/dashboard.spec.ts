import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readWorkspaceFile, workspacePath } from '../workspace.js';
import { promqlMetricNames } from './promql-metrics.js';

const DASHBOARD = 'deploy/grafana/teranode-p2p-dashboard.json';

/** prom-client's collectDefaultMetrics() names. */
const DEFAULT_METRIC = /^(process|nodejs)_/;
/** The series Prometheus adds for a histogram or summary named without the suffix. */
const SERIES_SUFFIX = /_(bucket|sum|count)$/;

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { uid: string } }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every metric name registered in the apps' and libs' sources (`name: '…'` of prom-client). */
function registeredMetricNames(): Set<string> {
  const names = new Set<string>();
  for (const top of ['apps', 'libs']) {
    for (const project of readdirSync(workspacePath(top))) {
      let files: string[] = [];
      try {
        files = sourceFiles(workspacePath(top, project, 'src'));
      } catch {
        continue;
      }
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/name:\s*'([a-zA-Z_:][\w:]*)'/g)) names.add(match[1]!);
        // MessageBusModule.forService('<service>') registers <service>_kafka_consumer_lag and
        // <service>_kafka_consumer_restarts_total.
        for (const match of text.matchAll(/MessageBusModule\.forService\('([\w-]+)'\)/g)) {
          const prefix = match[1]!.replace(/-/g, '_');
          names.add(`${prefix}_kafka_consumer_lag`);
          names.add(`${prefix}_kafka_consumer_restarts_total`);
        }
      }
    }
  }
  return names;
}

describe(DASHBOARD, () => {
  const dashboard = JSON.parse(readWorkspaceFile(DASHBOARD)) as {
    uid: string;
    title: string;
    panels: Panel[];
    templating: { list: { name: string; type: string }[] };
  };
  const panels = dashboard.panels;
  const graphs = panels.filter((p) => p.type !== 'row');

  it('is a Grafana dashboard with a Prometheus data source variable', () => {
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
  });

  it('gives every panel a unique id, a PromQL query on that data source and its own space', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const panel of graphs) {
      expect([panel.title, panel.targets?.length ?? 0]).not.toEqual([panel.title, 0]);
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const target of panel.targets!) expect(target.expr.trim()).not.toBe('');
    }
    const cells = new Map<string, string>();
    for (const { title, gridPos } of panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          const other = cells.get(`${x},${y}`);
          expect([title, other]).toEqual([title, undefined]);
          cells.set(`${x},${y}`, title);
        }
      }
    }
  });

  it('queries only metrics the services register (or default process metrics)', () => {
    const registered = registeredMetricNames();
    const used = graphs.flatMap((p) => p.targets!.flatMap((t) => promqlMetricNames(t.expr)));
    const unknown = used.filter(
      (name) =>
        !registered.has(name) &&
        !registered.has(name.replace(SERIES_SUFFIX, '')) &&
        !DEFAULT_METRIC.test(name),
    );
    expect(unknown).toEqual([]);
    expect(used).toEqual(
      expect.arrayContaining([
        'ban_peer_scores_bucket',
        'gossip_node_kafka_consumer_lag',
        'kafka_bridge_kafka_consumer_lag',
        'ws_gateway_kafka_consumer_lag',
      ]),
    );
  });

  it('rates counters over $__rate_interval', () => {
    for (const target of graphs.flatMap((p) => p.targets!)) {
      for (const range of target.expr.matchAll(/\[([^\]]*)\]/g))
        expect(range[1]).toBe('$__rate_interval');
    }
  });
});
