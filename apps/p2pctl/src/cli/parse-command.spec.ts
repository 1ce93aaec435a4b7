import { describe, expect, it } from '@jest/globals';
import { EXIT } from './exit-codes.js';
import { parseCommand } from './parse-command.js';

function usageError(argv: string[]): { message: string; exitCode: number } {
  try {
    parseCommand(argv);
  } catch (error) {
    return {
      message: (error as Error).message,
      exitCode: (error as { exitCode: number }).exitCode,
    };
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

const PEER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

describe('parseCommand', () => {
  it('reads commands with their arguments and options', () => {
    expect(
      parseCommand(['ban', '10.0.0.0/24', '--for', '2h', '--reason', 'spam', '--json']),
    ).toEqual({
      command: { name: 'ban', target: '10.0.0.0/24', for: '2h', until: undefined, reason: 'spam' },
      options: expect.objectContaining({ json: true }),
    });
    expect(parseCommand(['score', PEER, '--add', 'spam']).command).toEqual({
      name: 'score',
      peerId: PEER,
      add: 'spam',
    });
    expect(parseCommand(['--ban-service', '127.0.0.1:1', 'bans']).options.banService).toBe(
      '127.0.0.1:1',
    );
    expect(parseCommand(['registry', '--json']).command).toEqual({ name: 'registry' });
    expect(parseCommand(['peer', PEER]).command).toEqual({ name: 'peer', peerId: PEER });
    expect(parseCommand(['reputation', 'reset']).command).toEqual({
      name: 'reputation',
      action: 'reset',
      peerId: undefined,
    });
    expect(parseCommand(['reputation', 'reset', PEER, '--api-key', 'k'])).toEqual({
      command: { name: 'reputation', action: 'reset', peerId: PEER },
      options: expect.objectContaining({ apiKey: 'k' }),
    });
    expect(parseCommand(['sync-peer']).command).toEqual({ name: 'sync-peer', why: false });
    expect(parseCommand(['sync-peer', '--why', '--json'])).toEqual({
      command: { name: 'sync-peer', why: true },
      options: expect.objectContaining({ json: true }),
    });
    expect(parseCommand([]).command).toEqual({ name: 'help' });
    expect(parseCommand(['peers', '-h']).command).toEqual({ name: 'help' });
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['ban'], 'ban takes 1 argument, got 0'],
    [['bans', 'extra'], 'bans takes no arguments, got 1'],
    [['ban', '1.2.3.4', '--for', '1h', '--until', '2030-01-01'], 'give --for or --until, not both'],
    [['unban', '1.2.3.4', '--add', 'spam'], '--add does not apply to unban'],
    [['peers', '--bogus'], "Unknown option '--bogus'"],
    [['disconnect', '  '], 'disconnect needs a non-empty argument'],
    [['toString'], 'unknown command "toString"'],
    [['registry', PEER], 'registry takes no arguments, got 1'],
    [['peer'], 'peer takes 1 argument, got 0'],
    [['peer', 'not-a-peer'], '"not-a-peer" is not a libp2p peer ID (12D3KooW…)'],
    [['peer', `${PEER}x`], 'is not a libp2p peer ID'],
    [['reputation'], 'reputation takes 1 or 2 arguments, got 0'],
    [['reputation', 'set', PEER], 'reputation "set": the one action is reset [peer-id]'],
    [['reputation', 'reset', PEER, PEER], 'reputation takes 1 or 2 arguments, got 3'],
    [['reputation', 'reset', '<script>'], '"<script>" is not a libp2p peer ID'],
    [['reputation', 'reset', ' '], 'reputation needs a non-empty argument'],
    [['registry', '--why'], '--why does not apply to registry'],
    [
      ['score', PEER, '--add', 'spma'],
      '--add "spma" is not a reason: one of unknown, invalid_subtree, protocol_violation, spam, invalid_block, catchup_failure',
    ],
    [
      ['ban', '1.2.3.4', '--for', '-5h'],
      "Option '--for' argument is ambiguous. Did you forget to specify the option argument for '--for'? To specify an option argument starting with a dash use '--for=-XYZ'.",
    ],
  ])('refuses %j with a usage error', (argv, message) => {
    const error = usageError(argv);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toContain(message);
    expect(error.message).toContain('p2pctl --help');
  });
});
