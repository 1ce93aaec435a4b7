import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { BoundedMap } from '@teranode-p2p/bounded-collections';

/**
 * Ports handed to tests come from outside the kernel's ephemeral range. A port the kernel
 * picked for `listen(0)` lies inside it, and once that probe socket is closed the same port
 * can go to any outgoing connection (a pg client, a gRPC channel, kafkajs) before the service
 * under test binds it: EADDRINUSE, seen as a failed start in a loaded test run. Outgoing
 * connections never take ports outside the range, so a port checked free there stays free
 * unless another test takes it. Skipped: 20000–24999 and 30000 up, where `npm start`
 * (tools/local-network, from 20000), the local-network tests (23000, 23100, 24000) and
 * `--no-netns` netsim runs (20000–22999, 30000 up) listen.
 */
const CANDIDATE_RANGES: readonly (readonly [number, number])[] = [
  [12_000, 19_999],
  [25_000, 29_999],
];
const DEFAULT_EPHEMERAL: readonly [number, number] = [32_768, 60_999];
const ATTEMPTS = 50;
/** Ports recently handed out by this process, not handed out again while listed. */
const RECENT_LIMIT = 2_000;
const recent = new BoundedMap<number, true>(RECENT_LIMIT);

function ephemeralRange(): readonly [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  } catch {
    // not Linux: assume the kernel default
  }
  return DEFAULT_EPHEMERAL;
}

/** Every candidate port outside the ephemeral range. */
function candidatePorts(): number[] {
  const [low, high] = ephemeralRange();
  const ports: number[] = [];
  for (const [from, to] of CANDIDATE_RANGES)
    for (let port = from; port <= to; port++) if (port < low || port > high) ports.push(port);
  return ports;
}

const candidates = candidatePorts();

function listenOnce(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(undefined) : reject(error),
    );
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() =>
        resolve(address && typeof address === 'object' ? address.port : undefined),
      );
    });
  });
}

function remember(port: number): number {
  recent.set(port, true);
  return port;
}

/**
 * A TCP port that was free on the given host a moment ago, from outside the ephemeral range
 * (see above), never one this process handed out recently. Falls back to a kernel-chosen port
 * when no candidate is free.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS && candidates.length > 0; attempt++) {
    const port = candidates[Math.floor(Math.random() * candidates.length)]!;
    if (recent.has(port)) continue;
    remember(port); // before the check: concurrent calls must not pick it too
    if ((await listenOnce(port, host)) !== undefined) return port;
  }
  const port = await listenOnce(0, host);
  if (port === undefined) throw new Error(`could not find a free port on ${host}`);
  return remember(port);
}
