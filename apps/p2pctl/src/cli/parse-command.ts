import { parseArgs } from 'node:util';
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
  | { name: 'watch'; types?: string };

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
} as const;

/** Which command-specific options each command takes; anything else is a usage error. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  ban: ['for', 'until', 'reason'],
  score: ['add'],
  watch: ['types'],
};

const ARITY: Record<string, number> = {
  peers: 0,
  connect: 1,
  disconnect: 1,
  ban: 1,
  unban: 1,
  bans: 0,
  'clear-bans': 0,
  score: 1,
  health: 0,
  watch: 0,
};

function usage(message: string): CommandError {
  return new CommandError(`${message} (p2pctl --help lists the commands)`, EXIT.usage);
}

/** Turns argv into a command, or a usage error that says what is wrong. */
export function parseCommand(argv: string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
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
  if (!(name in ARITY)) throw usage(`unknown command "${name}"`);
  if (args.length !== ARITY[name]) {
    throw usage(
      `${name} takes ${ARITY[name] === 0 ? 'no arguments' : `${ARITY[name]} argument`}, got ${args.length}`,
    );
  }
  for (const key of ['for', 'until', 'reason', 'add', 'types'] as const) {
    if (values[key] !== undefined && !(COMMAND_OPTIONS[name] ?? []).includes(key)) {
      throw usage(`--${key} does not apply to ${name}`);
    }
  }
  const arg = args[0] ?? '';
  if (ARITY[name] === 1 && arg.trim() === '') throw usage(`${name} needs a non-empty argument`);
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
      return { command: { name, peerId: arg, add: values.add }, options };
    case 'watch':
      return { command: { name, types: values.types }, options };
    default:
      return { command: { name } as Command, options };
  }
}
