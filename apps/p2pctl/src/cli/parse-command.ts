import { parseArgs } from 'node:util';
import { DEFAULT_BAN_REASON_POINTS, isPeerId, quoteInput } from '@teranode-p2p/config';
import { CommandError, EXIT } from './exit-codes.js';

export interface GlobalOptions {
  gossipNode?: string;
  banService?: string;
  gateway?: string;
  health?: string;
  apiKey?: string;
  timeout?: string;
  json: boolean;
}

export type Command =
  | { name: 'help' }
  | { name: 'peers' }
  | { name: 'connect'; multiaddr: string }
  | { name: 'disconnect'; peerId: string }
  | { name: 'ban'; target: string; for?: string; until?: string; reason?: string }
  | { name: 'unban'; target: string }
  | { name: 'bans' }
  | { name: 'clear-bans' }
  | { name: 'score'; peerId: string; add?: string }
  | { name: 'health' }
  | { name: 'watch'; types?: string }
  | { name: 'registry' }
  | { name: 'peer'; peerId: string }
  | { name: 'reputation'; action: 'reset'; peerId?: string }
  | { name: 'sync-peer'; why: boolean };

export interface ParsedCommand {
  command: Command;
  options: GlobalOptions;
}

const OPTIONS = {
  'gossip-node': { type: 'string' },
  'ban-service': { type: 'string' },
  gateway: { type: 'string' },
  health: { type: 'string' },
  'api-key': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  for: { type: 'string' },
  until: { type: 'string' },
  reason: { type: 'string' },
  add: { type: 'string' },
  types: { type: 'string' },
  why: { type: 'boolean' },
} as const;

/** Which command-specific options each command takes; anything else is a usage error. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  ban: ['for', 'until', 'reason'],
  score: ['add'],
  watch: ['types'],
  'sync-peer': ['why'],
};

/** How many arguments each command takes: [at least, at most]. */
const ARITY: Record<string, readonly [number, number]> = {
  peers: [0, 0],
  connect: [1, 1],
  disconnect: [1, 1],
  ban: [1, 1],
  unban: [1, 1],
  bans: [0, 0],
  'clear-bans': [0, 0],
  score: [1, 1],
  health: [0, 0],
  watch: [0, 0],
  registry: [0, 0],
  peer: [1, 1],
  reputation: [1, 2],
  'sync-peer': [0, 0],
};

function arityText([least, most]: readonly [number, number]): string {
  if (most === 0) return 'no arguments';
  const count = least === most ? `${least}` : `${least} or ${most}`;
  return `${count} argument${most === 1 ? '' : 's'}`;
}

/** A libp2p peer ID argument (12D3KooW…), refused before anything is called. */
function peerIdArgument(text: string): string {
  if (!isPeerId(text)) throw usage(`${quoteInput(text)} is not a libp2p peer ID (12D3KooW…)`);
  return text;
}

const SCORE_REASONS = Object.keys(DEFAULT_BAN_REASON_POINTS);

/**
 * ban-service scores any well-formed name it does not know as `unknown` (1 point, as Teranode
 * does for its callers); from an operator's keyboard such a name is a typo, so it is refused.
 */
function scoreReason(text: string | undefined): string | undefined {
  if (text === undefined || SCORE_REASONS.includes(text)) return text;
  throw usage(`--add ${quoteInput(text)} is not a reason: one of ${SCORE_REASONS.join(', ')}`);
}

function usage(message: string): CommandError {
  return new CommandError(`${message} (p2pctl --help lists the commands)`, EXIT.usage);
}

/** Turns argv into a command, or a usage error that says what is wrong. */
export function parseCommand(argv: string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's text spans lines; its hint for a value that starts with a dash (`--for=-5h`) is kept.
    throw usage((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  const { values, positionals } = parsed;
  const options: GlobalOptions = {
    gossipNode: values['gossip-node'],
    banService: values['ban-service'],
    gateway: values.gateway,
    health: values.health,
    apiKey: values['api-key'],
    timeout: values.timeout,
    json: values.json ?? false,
  };
  const [name, ...args] = positionals;
  if (values.help || name === undefined || name === 'help')
    return { command: { name: 'help' }, options };
  if (!Object.hasOwn(ARITY, name)) throw usage(`unknown command ${quoteInput(name)}`);
  const arity = ARITY[name]!;
  if (args.length < arity[0] || args.length > arity[1]) {
    throw usage(`${name} takes ${arityText(arity)}, got ${args.length}`);
  }
  for (const key of ['for', 'until', 'reason', 'add', 'types', 'why'] as const) {
    if (values[key] !== undefined && !(COMMAND_OPTIONS[name] ?? []).includes(key)) {
      throw usage(`--${key} does not apply to ${name}`);
    }
  }
  const arg = args[0] ?? '';
  if (args.some((a) => a.trim() === '')) throw usage(`${name} needs a non-empty argument`);
  switch (name) {
    case 'connect':
      return { command: { name, multiaddr: arg }, options };
    case 'disconnect':
      return { command: { name, peerId: arg }, options };
    case 'ban':
      if (values.for !== undefined && values.until !== undefined)
        throw usage('give --for or --until, not both');
      return {
        command: { name, target: arg, for: values.for, until: values.until, reason: values.reason },
        options,
      };
    case 'unban':
      return { command: { name, target: arg }, options };
    case 'score':
      return { command: { name, peerId: arg, add: scoreReason(values.add) }, options };
    case 'watch':
      return { command: { name, types: values.types }, options };
    case 'peer':
      return { command: { name, peerId: peerIdArgument(arg) }, options };
    case 'reputation': {
      if (arg !== 'reset')
        throw usage(`reputation ${quoteInput(arg)}: the one action is reset [peer-id]`);
      const peerId = args[1] === undefined ? undefined : peerIdArgument(args[1]);
      return { command: { name, action: 'reset', peerId }, options };
    }
    case 'sync-peer':
      return { command: { name, why: values.why ?? false }, options };
    default:
      return { command: { name } as Command, options };
  }
}
