/**
 * What every Node.js runner of a netsim node shares (ours-runner.ts, libp2p-runner.ts): the
 * line protocol's output, the stats line every second, and the stdin command loop.
 */
import { createInterface } from 'node:readline';

const STATS_INTERVAL_MS = 1000;

export function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * The JSON object `text` holds, or why it holds none: a short reason that quotes at most a short
 * prefix of the text (the parser's message is cut at 80 characters, a scalar value at 20).
 */
export function jsonObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message.slice(0, 80)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `not a JSON object but ${Array.isArray(value) ? 'an array' : String(value).slice(0, 20)}`;
  return value as Record<string, unknown>;
}

/** What a runner reads of its libp2p host for the stats line. */
export interface StatsHost {
  getPeers(): unknown[];
  services: {
    pubsub: {
      getTopics(): string[];
      getMeshPeers(topic: string): string[];
      score: { duplicateMessage(...args: unknown[]): void };
    };
  };
}

/**
 * Counts gossipsub's duplicate-message trace and prints the stats line every second (and once
 * more when the returned stop is called).
 */
export function startStats(host: StatsHost, delivered: () => number): () => void {
  const pubsub = host.services.pubsub;
  let duplicates = 0;
  const trace = pubsub.score.duplicateMessage.bind(pubsub.score);
  pubsub.score.duplicateMessage = (...args: unknown[]) => {
    duplicates++;
    trace(...args);
  };
  const stats = () => {
    const mesh: Record<string, number> = {};
    for (const topic of pubsub.getTopics()) mesh[topic] = pubsub.getMeshPeers(topic).length;
    emit({
      type: 'stats',
      t: Date.now(),
      delivered: delivered(),
      duplicates,
      bytesIn: 0,
      bytesOut: 0,
      peers: host.getPeers().length,
      mesh,
    });
  };
  const timer = setInterval(stats, STATS_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    stats();
  };
}

/**
 * Reads netsim's commands from stdin: `publish` goes to `publish` (its failure is an error
 * line), `quit` or the end of stdin to `quit`, anything else is answered with an error line.
 */
export function readCommands(
  publish: (kind: unknown, fields: Record<string, unknown>) => Promise<void>,
  quit: () => void,
): void {
  const input = createInterface({ input: process.stdin });
  input.on('line', (text) => {
    const command: { cmd?: unknown; kind?: unknown; fields?: unknown } | string = jsonObject(text);
    if (typeof command === 'string') {
      emit({ event: 'error', context: 'command', error: command });
      return;
    }
    if (command.cmd === 'quit') return quit();
    if (command.cmd !== 'publish') {
      emit({ event: 'error', context: 'command', error: `unknown command ${String(command.cmd)}` });
      return;
    }
    const fields = (command.fields ?? {}) as Record<string, unknown>;
    publish(command.kind, fields).catch((error: Error) =>
      emit({ event: 'error', context: `publish ${String(command.kind)}`, error: error.message }),
    );
  });
  input.on('close', quit);
  process.on('SIGTERM', quit);
  process.on('SIGINT', quit);
}
