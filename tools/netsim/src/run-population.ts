import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { track, untrack } from './cleanup.js';
import { Collector, EXPECT_UP_BEFORE_MS, type NodeFacts, type RunResult } from './collector.js';
import { directConnections } from './direct-connections.js';
import { newNodeKey, type NodeKey } from './node-keys.js';
import { SimNode, type NodeLaunch, type NodeSink } from './node-process.js';
import type { NetsimOptions } from './options.js';
import { MESSAGE_KINDS, messageId, type MessageKind } from './peer-lines.js';
import { mean } from './stats.js';
import { planTopology, seededRandom, type Population, type Topology } from './topology.js';
import { Toxiproxy, type ProxyBytes } from './toxiproxy.js';

export interface Binaries {
  /** Node.js running the ours-runner. */
  node: string;
  oursRunner: string;
  /** Node.js script of the bare js-libp2p node (the libp2p population). */
  libp2pRunner: string;
  goPeer: string | undefined;
  toxiproxy: string;
}

const NODE_PORT = 20_000;
const HTTP_PORT = 21_000;
const GRPC_PORT = 22_000;
const PROXY_PORT = 30_000;
const TOXIPROXY_API = 8474;

/**
 * What every node announces (identify, DHT, mDNS): a port nobody listens on. The links are the
 * proxies; a peer discovered through the Go library's mDNS or DHT cannot be dialled around them.
 */
const UNREACHABLE = '/ip4/127.0.0.1/tcp/1';
const UNREACHABLE_HOST_PORT = '127.0.0.1:1';

/** The 1-minute load average (/proc/loadavg): how busy the whole machine is, not only netsim. */
function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hash = () => randomBytes(32).toString('hex');
/**
 * A block announcement carries its 80-byte header and its coinbase transaction in hex, as
 * Teranode's does; 250 bytes is a coinbase with a miner tag and two outputs. With them the
 * announcement is about 1.4 KB on the wire, as on a real network.
 */
const blockHeader = () => randomBytes(80).toString('hex');
const coinbase = () => randomBytes(250).toString('hex');
const dataHubUrl = (index: number) => `https://n${index}.netsim.example/api/v1`;

function launchOf(
  topology: Topology,
  index: number,
  keys: NodeKey[],
  binaries: Binaries,
  profile: { dir: string; prefix: string } | undefined,
): NodeLaunch {
  const node = topology.nodes[index]!;
  const dials = topology.links
    .map((link, l) => ({ link, port: PROXY_PORT + l }))
    .filter(({ link }) => link.from === index)
    .map(({ link, port }) => `/ip4/127.0.0.1/tcp/${port}/p2p/${keys[link.to]!.peerId}`);
  if (node.implementation === 'go') {
    if (!binaries.goPeer) throw new Error('no Go peer binary');
    return {
      index,
      implementation: 'go',
      command: binaries.goPeer,
      args: [
        'run',
        ...['-profile', 'bus', '-key', keys[index]!.hex, '-port', String(NODE_PORT + index)],
        ...[
          '-network',
          'regtest',
          '-name',
          `go-n${index}`,
          '-count',
          '-announce',
          UNREACHABLE_HOST_PORT,
        ],
        ...dials.flatMap((address) => ['-connect', address]),
        ...(profile ? ['-cpu-profile', `${profile.dir}/${profile.prefix}go-n${index}.pprof`] : []),
      ],
      ...(profile ? { stopGraceMs: 60_000 } : {}),
      env: {},
    };
  }
  const implementation = node.implementation;
  const runner = implementation === 'ours' ? binaries.oursRunner : binaries.libp2pRunner;
  return {
    index,
    implementation,
    command: binaries.node,
    args: [
      ...(profile
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            profile.dir,
            '--cpu-prof-name',
            `${profile.prefix}${implementation}-n${index}.cpuprofile`,
          ]
        : []),
      runner,
    ],
    ...(profile ? { stopGraceMs: 60_000 } : {}),
    env: {
      network: 'regtest',
      log_level: 'warn',
      clientName: `${implementation}-n${index}`,
      p2p_private_key: keys[index]!.hex,
      p2p_port: String(NODE_PORT + index),
      p2p_listen_addresses: '127.0.0.1',
      p2p_advertise_addresses: UNREACHABLE,
      gossip_node_http_listen_address: `127.0.0.1:${HTTP_PORT + index}`,
      p2p_grpc_listen_address: `127.0.0.1:${GRPC_PORT + index}`,
      p2p_static_peers: dials.join('|'),
      // Links are the proxies netsim made: no DHT discovery around them.
      p2p_dht_mode: 'off',
      p2p_min_peers: '0',
      // Every peer is 127.0.0.1 here (through the proxies): no per-IP inbound limit.
      p2p_inbound_connection_threshold: '1000',
      asset_httpPublicAddress: dataHubUrl(index),
      gossip_node_signature_workers: String(1),
    },
  };
}

/** Bytes each node sent and received through its links, from the proxies' counters. */
function nodeBytes(
  topology: Topology,
  before: Map<string, ProxyBytes>,
  after: Map<string, ProxyBytes>,
): { in: number; out: number }[] {
  const totals = topology.nodes.map(() => ({ in: 0, out: 0 }));
  for (const link of topology.links) {
    const a = after.get(link.name) ?? { upstream: 0, downstream: 0 };
    const b = before.get(link.name) ?? { upstream: 0, downstream: 0 };
    const up = a.upstream - b.upstream;
    const down = a.downstream - b.downstream;
    totals[link.from]!.out += up;
    totals[link.from]!.in += down;
    totals[link.to]!.in += up;
    totals[link.to]!.out += down;
  }
  return totals;
}

/**
 * Per node: duplicates summed over restarts (a new process counts from zero), mesh and peer
 * samples.
 */
class NodeCounters {
  duplicates = 0;
  private last = 0;
  mesh: [number, number][] = [];
  peers: [number, number][] = [];

  stats(duplicates: number, mesh: Record<string, number>, peers: number, t: number): void {
    this.duplicates += duplicates >= this.last ? duplicates - this.last : duplicates;
    this.last = duplicates;
    const block = Object.entries(mesh).find(([topic]) => topic.endsWith('-block'));
    if (block) this.mesh.push([t, block[1]]);
    this.peers.push([t, peers]);
  }
  restarted(): void {
    this.last = 0;
  }
}

/** One population's run: plan, proxies, nodes, workload with faults, measurements, teardown. */
export async function runPopulation(
  population: Population,
  round: number,
  options: NetsimOptions,
  binaries: Binaries,
  log: (line: string) => void,
): Promise<RunResult> {
  const seed = options.seed + round;
  const topology = planTopology(options.nodes, population, options.k, seed);
  const random = seededRandom(seed ^ 0x5eed);
  const keys = await Promise.all(topology.nodes.map(() => newNodeKey()));
  const collector = new Collector();
  const counters = topology.nodes.map(() => new NodeCounters());
  const sink: NodeSink = {
    delivered: (node, line) => collector.delivered(line.id, node.index, line.t),
    // The node's own time of publication (our node's node_status is known only from here).
    published: (node, line) => {
      if (line.id && (MESSAGE_KINDS as readonly string[]).includes(line.msgKind))
        collector.published({
          id: line.id,
          kind: line.msgKind as MessageKind,
          publisher: node.index,
          t: line.t ?? Date.now(),
        });
    },
    stats: (node, line) =>
      counters[node.index]!.stats(line.duplicates, line.mesh, line.peers, line.t),
    error: (node, context, error) => collector.error(`n${node.index} ${context}: ${error}`),
  };
  const proxy = track(await Toxiproxy.start(binaries.toxiproxy, TOXIPROXY_API));
  const nodes: SimNode[] = [];
  const timers: NodeJS.Timeout[] = [];
  const faults: string[] = [];
  try {
    for (const [l, link] of topology.links.entries())
      await proxy.createProxy(link.name, PROXY_PORT + l, NODE_PORT + link.to, {
        delayMs: options.delayMs,
        jitterMs: options.jitterMs,
        bandwidthKBps: options.bandwidthKBps,
      });
    const t0 = Date.now();
    for (const planned of topology.nodes) {
      const node = track(
        new SimNode(
          launchOf(
            topology,
            planned.index,
            keys,
            binaries,
            options.cpuProfileDir
              ? { dir: options.cpuProfileDir, prefix: `${population}-${round}-` }
              : undefined,
          ),
          sink,
        ),
      );
      nodes.push(node);
      await node.start();
    }
    log(
      `  ${population}: ${nodes.length} nodes (${topology.links.length} links) up in ${((Date.now() - t0) / 1000).toFixed(1)} s; warming up ${options.warmupMs / 1000} s`,
    );
    const loads: [number, number][] = [];
    const sampler = setInterval(() => {
      nodes.forEach((n) => n.sample());
      loads.push([Date.now(), loadAverage()]);
    }, 1000);
    timers.push(sampler);
    await sleep(options.warmupMs);

    const from = Date.now();
    const usageBefore = nodes.map((n) => n.usage());
    const duplicatesBefore = counters.map((c) => c.duplicates);
    const directAtStart = directConnections(new Set(nodes.map((n) => NODE_PORT + n.index)));

    const publish = (index: number, kind: MessageKind, fields: Record<string, unknown>) => {
      const node = nodes[index]!;
      if (!node.running) return;
      const id =
        kind === 'node_status'
          ? messageId(kind, { peerId: keys[index]!.peerId, uptime: fields['uptime'] as number })
          : messageId(kind, { hash: fields['Hash'] as string });
      collector.published({ id, kind, publisher: index, t: Date.now() });
      node.send({ cmd: 'publish', kind, fields });
    };
    const order = topology.nodes.map((n) => n.index).sort(() => random() - 0.5);
    let height = 1;
    let next = 0;
    // A node publishes once it has been up as long as a receiver must be to be expected.
    const settled = (node: SimNode) =>
      node.running && (node.upSince.at(-1)?.from ?? Infinity) <= Date.now() - EXPECT_UP_BEFORE_MS;
    const nextPublisher = () => {
      for (let tries = 0; tries < order.length; tries++) {
        const index = order[next++ % order.length]!;
        if (settled(nodes[index]!)) return index;
      }
      return order[0]!;
    };
    timers.push(
      setInterval(() => {
        const index = nextPublisher();
        publish(index, 'block', {
          Hash: hash(),
          Height: height++,
          DataHubURL: dataHubUrl(index),
          PeerID: keys[index]!.peerId,
          Header: blockHeader(),
          Coinbase: coinbase(),
        });
      }, 1000 / options.blockRate),
    );
    if (options.subtreeBurst > 0)
      timers.push(
        setInterval(() => {
          const index = nextPublisher();
          for (let i = 0; i < options.subtreeBurst; i++)
            publish(index, 'subtree', {
              Hash: hash(),
              DataHubURL: dataHubUrl(index),
              PeerID: keys[index]!.peerId,
            });
        }, options.subtreeIntervalMs),
      );
    // Our nodes announce their own node_status every 10 s; the Go peer and bare libp2p are told to.
    const startedAt = new Map(nodes.map((n) => [n.index, Date.now()]));
    for (const node of nodes.filter((n) => n.implementation !== 'ours')) {
      const offset = (options.nodeStatusIntervalMs * node.index) / nodes.length;
      timers.push(
        setTimeout(() => {
          const announce = () =>
            publish(node.index, 'node_status', {
              peer_id: keys[node.index]!.peerId,
              client_name: `${node.implementation}-n${node.index}`,
              type: 'node_status',
              base_url: dataHubUrl(node.index),
              version: 'netsim',
              best_height: height,
              fsm_state: 'RUNNING',
              start_time: Math.floor(startedAt.get(node.index)! / 1000),
              uptime: (Date.now() - startedAt.get(node.index)!) / 1000,
              listen_mode: 'full',
            });
          announce();
          timers.push(setInterval(announce, options.nodeStatusIntervalMs));
        }, offset),
      );
    }

    const pickLinks = (count: number) =>
      [...topology.links]
        .sort(() => random() - 0.5)
        .slice(0, Math.min(count, topology.links.length));
    const faultTasks: Promise<void>[] = [];
    const at = (fraction: number, task: () => Promise<void>) =>
      faultTasks.push(
        sleep(options.durationMs * fraction)
          .then(task)
          .catch((error: Error) => {
            collector.error(`fault: ${error.message}`);
          }),
      );
    for (const link of pickLinks(options.cuts))
      at(0.3, async () => {
        const forMs = Math.min(options.cutForMs, options.durationMs * 0.6);
        faults.push(
          `cut ${link.name} at ${(options.durationMs * 0.3) / 1000}s for ${forMs / 1000}s`,
        );
        await proxy.setEnabled(link.name, false);
        await sleep(forMs);
        await proxy.setEnabled(link.name, true);
      });
    for (const link of pickLinks(options.stalls))
      at(0.4, async () => {
        const forMs = Math.min(options.stallForMs, options.durationMs * 0.55);
        faults.push(
          `stall ${link.name} at ${(options.durationMs * 0.4) / 1000}s for ${forMs / 1000}s`,
        );
        await proxy.stall(link.name);
        await sleep(forMs);
        await proxy.unstall(link.name);
      });
    if (options.churn > 0) {
      const victims = [...nodes].sort(() => random() - 0.5).slice(0, options.churn);
      at(0.25, async () => {
        faults.push(
          `churn ${victims.map((v) => `n${v.index}`).join(',')} at ${(options.durationMs * 0.25) / 1000}s down ${options.churnDownMs / 1000}s`,
        );
        await Promise.all(victims.map((v) => v.stop()));
        await sleep(options.churnDownMs);
        for (const v of victims) {
          counters[v.index]!.restarted();
          await v.start();
        }
      });
    }
    await sleep(options.durationMs);
    for (const timer of timers.splice(0)) clearInterval(timer);
    timers.push(sampler);
    const to = Date.now();
    await Promise.all(faultTasks);
    log(`  ${population}: workload done, settling ${options.settleMs / 1000} s`);
    await sleep(options.settleMs);
    const usageAfter = nodes.map((n) => {
      n.sample();
      return n.usage();
    });
    const direct = Math.max(
      directAtStart,
      directConnections(new Set(nodes.map((n) => NODE_PORT + n.index))),
    );
    // Up intervals as they are now: the teardown below ends every node, which is not a node
    // going down while a message was gossiped.
    const up = nodes.map((n) => n.upSince.map((u) => ({ ...u })));
    // Toxiproxy v2.5 adds a connection's bytes to its counters when the connection ends, so
    // they are read once every node has stopped: bytes over the nodes' whole run.
    await Promise.all(nodes.map((n) => n.stop()));
    await sleep(500);
    const bytes = nodeBytes(topology, new Map(), await proxy.bytes());
    const facts: NodeFacts[] = nodes.map((n) => ({
      index: n.index,
      implementation: n.implementation,
      up: up[n.index]!,
      cpuSeconds: usageAfter[n.index]!.cpuSeconds - usageBefore[n.index]!.cpuSeconds,
      peakRssBytes: usageAfter[n.index]!.peakRssBytes,
      bytesIn: bytes[n.index]!.in,
      bytesOut: bytes[n.index]!.out,
      duplicates: counters[n.index]!.duplicates - duplicatesBefore[n.index]!,
      mesh: counters[n.index]!.mesh,
      peers: counters[n.index]!.peers,
    }));
    return collector.result(
      {
        population,
        round,
        nodes: nodes.length,
        links: topology.links.length,
        directConnections: direct,
        faults,
        machine: {
          loadMean: mean(loads.filter(([t]) => t >= from && t <= to).map(([, l]) => l)),
          loadMax: Math.max(0, ...loads.filter(([t]) => t >= from && t <= to).map(([, l]) => l)),
          nodeCores:
            facts.reduce((sum, f) => sum + f.cpuSeconds, 0) / Math.max(1, (to - from) / 1000),
        },
      },
      facts,
      { from, to },
    );
  } finally {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(
      nodes.map(async (n) => {
        await n.stop();
        untrack(n);
      }),
    );
    await proxy.stop();
    untrack(proxy);
  }
}
