import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { freePort, spawnNode, workspaceRoot } from '@teranode-p2p/testing';

const bin = join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function p2pctl(...args: string[]): Promise<{ code: number | null; output: string }> {
  const run = await spawnNode(bin, { args });
  const code = await run.exited;
  return { code, output: run.output() };
}

// The built CLI as an operator runs it; the services behind it are covered with the services.
describe('p2pctl without services', () => {
  it('prints usage with exit 0 for --help', async () => {
    const { code, output } = await p2pctl('--help');
    expect(code).toBe(0);
    expect(output).toContain('Usage: p2pctl <command>');
  });

  it('says which service is unreachable, with exit code 3', async () => {
    const port = await freePort();
    const { code, output } = await p2pctl(
      'bans',
      '--ban-service',
      `127.0.0.1:${port}`,
      '--timeout',
      '2s',
    );
    expect(code).toBe(3);
    expect(output).toMatch(
      new RegExp(
        `^p2pctl: ban-service at 127\\.0\\.0\\.1:${port} is unreachable \\(.+\\); check the address and that it runs\\n$`,
      ),
    );
  });

  it('names gossip-node when the registry cannot be read, with exit code 3', async () => {
    const port = await freePort();
    const { code, output } = await p2pctl(
      'registry',
      '--gossip-node',
      `127.0.0.1:${port}`,
      '--timeout',
      '2s',
    );
    expect(code).toBe(3);
    expect(output).toMatch(
      new RegExp(`^p2pctl: gossip-node at 127\\.0\\.0\\.1:${port} is unreachable \\(.+\\)`),
    );
  });

  it('reports every unreachable service in health, with exit code 3', async () => {
    const port = await freePort();
    const { code, output } = await p2pctl(
      'health',
      '--health',
      `ban-service=http://127.0.0.1:${port}`,
    );
    expect(code).toBe(3);
    expect(output).toContain(`ban-service  http://127.0.0.1:${port}  unreachable`);
  });

  it('refuses bad arguments with exit code 2 before calling anything', async () => {
    expect(await p2pctl('ban', '10.0.0.1', '--for', 'soon')).toEqual({
      code: 2,
      output: 'p2pctl: --for "soon" is not a duration of at least 1s, such as 30m, 24h or 168h\n',
    });
    expect((await p2pctl('teleport')).code).toBe(2);
    expect(await p2pctl('bans', '--timeout', 'x')).toEqual({
      code: 2,
      output: 'p2pctl: --timeout "x" is not a duration such as 500ms, 5s or 1m, at most 1h\n',
    });
    expect(await p2pctl('peer', '<script>')).toEqual({
      code: 2,
      output:
        'p2pctl: "<script>" is not a libp2p peer ID (12D3KooW…) (p2pctl --help lists the commands)\n',
    });
    expect((await p2pctl('reputation', 'reset', 'QmNotAPeer')).code).toBe(2);
  });

  it('refuses addresses, URLs, timeouts and ban ends it cannot use, with exit code 2', async () => {
    const refusals: [string[], string][] = [
      [['peers', '--gossip-node', ''], '--gossip-node "" is not an address host:port'],
      [['bans', '--ban-service', ':1'], '--ban-service ":1" is not an address host:port'],
      [['bans', '--ban-service', 'a b'], '--ban-service "a b" is not an address host:port'],
      [
        ['peers', '--gossip-node', '127.0.0.1:99999'],
        '--gossip-node "127.0.0.1:99999" is not an address host:port',
      ],
      [['watch', '--gateway', 'notaurl'], '--gateway "notaurl" is not a URL'],
      [['watch', '--gateway', 'ftp://x'], '--gateway "ftp://x" is not a URL'],
      [['bans', '--timeout', '99999h'], '--timeout "99999h" is not a duration'],
      [
        ['ban', '10.0.0.1', '--until', '0'],
        '--until "0" (1970-01-01T00:00:00Z) is not in the future',
      ],
      [
        ['ban', '10.0.0.1', '--until', '1970-01-01T00:00:00Z'],
        '--until "1970-01-01T00:00:00Z" (1970-01-01T00:00:00Z) is not in the future',
      ],
    ];
    for (const [args, message] of refusals) {
      const { code, output } = await p2pctl(...args);
      expect({ args, code, output }).toEqual({
        args,
        code: 2,
        output: expect.stringMatching(new RegExp(`^p2pctl: ${escape(message)}[^\\n]*\\n$`)),
      });
    }
  });
});
