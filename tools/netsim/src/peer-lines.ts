/**
 * The line protocol both populations speak on stdout (one JSON object per line) and stdin
 * (commands). tools/interop's peer writes `{"event":"ready"|"published"|"error",…}` and, in its
 * counting mode (`-count`), `{"type":"delivered"|"stats",…}`; the runner of our node
 * (ours-runner.ts) writes the same lines, so netsim treats both populations alike.
 */

export type MessageKind = 'block' | 'subtree' | 'node_status';
export const MESSAGE_KINDS: readonly MessageKind[] = ['block', 'subtree', 'node_status'];

export interface ReadyLine {
  kind: 'ready';
  peerId: string;
}
export interface PublishedLine {
  kind: 'published';
  msgKind: string;
  /** Set by our runner (its own node_status); the Go peer names only the kind. */
  id?: string;
  t?: number;
}
export interface DeliveredLine {
  kind: 'delivered';
  topic: string;
  msgKind: string;
  id: string;
  from: string;
  t: number;
}
export interface StatsLine {
  kind: 'stats';
  t: number;
  delivered: number;
  duplicates: number;
  bytesIn: number;
  bytesOut: number;
  peers: number;
  mesh: Record<string, number>;
}
export interface ErrorLine {
  kind: 'error';
  context: string;
  error: string;
}
export type PeerLine = ReadyLine | PublishedLine | DeliveredLine | StatsLine | ErrorLine;

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One stdout line as a PeerLine; undefined for anything else (other events, non-JSON). */
export function parsePeerLine(text: string): PeerLine | undefined {
  if (!text.startsWith('{')) return undefined;
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  switch (line['type'] ?? line['event']) {
    case 'ready':
      return { kind: 'ready', peerId: str(line['peerId']) };
    case 'published':
      return {
        kind: 'published',
        msgKind: str(line['kind']),
        ...(typeof line['id'] === 'string' ? { id: line['id'] } : {}),
        ...(line['t'] !== undefined ? { t: num(line['t']) } : {}),
      };
    case 'delivered':
      return {
        kind: 'delivered',
        topic: str(line['topic']),
        msgKind: str(line['kind']),
        id: str(line['id']),
        from: str(line['from']),
        t: num(line['t']),
      };
    case 'stats': {
      const mesh: Record<string, number> = {};
      const raw = line['mesh'];
      if (raw && typeof raw === 'object')
        for (const [topic, degree] of Object.entries(raw)) mesh[topic] = num(degree);
      return {
        kind: 'stats',
        t: num(line['t']),
        delivered: num(line['delivered']),
        duplicates: num(line['duplicates']),
        bytesIn: num(line['bytesIn']),
        bytesOut: num(line['bytesOut']),
        peers: num(line['peers']),
        mesh,
      };
    }
    case 'error':
      return { kind: 'error', context: str(line['context']), error: str(line['error']) };
    default:
      return undefined;
  }
}

/**
 * The id one message is counted under, as tools/interop's counting mode writes it: the
 * announced hash, or for node_status `peer_id:uptime` (Go's shortest float text equals
 * JavaScript's String() for uptimes).
 */
export function messageId(
  kind: string,
  payload: { hash?: string; peerId?: string; uptime?: number },
): string {
  if (kind === 'node_status') return `${payload.peerId ?? ''}:${String(payload.uptime ?? 0)}`;
  return (payload.hash ?? '').toLowerCase();
}

/** A command on a peer's stdin. */
export type PeerCommand =
  { cmd: 'publish'; kind: MessageKind; fields: Record<string, unknown> } | { cmd: 'quit' };
