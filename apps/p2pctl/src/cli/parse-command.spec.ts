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

describe('parseCommand', () => {
  it('reads commands with their arguments and options', () => {
    expect(
      parseCommand(['ban', '10.0.0.0/24', '--for', '2h', '--reason', 'spam', '--json']),
    ).toEqual({
      command: { name: 'ban', target: '10.0.0.0/24', for: '2h', until: undefined, reason: 'spam' },
      options: expect.objectContaining({ json: true }),
    });
    expect(
      parseCommand([
        'score',
        '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
        '--add',
        'spam',
      ]).command,
    ).toEqual({
      name: 'score',
      peerId: '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
      add: 'spam',
    });
    expect(parseCommand(['--ban-service', '127.0.0.1:1', 'bans']).options.banService).toBe(
      '127.0.0.1:1',
    );
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
  ])('refuses %j with a usage error', (argv, message) => {
    const error = usageError(argv);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toContain(message);
    expect(error.message).toContain('p2pctl --help');
  });
});
