import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { freePort } from './free-port.js';
import { spawnNode } from './spawn-app.js';
import { waitFor } from './wait-for.js';

describe('test infrastructure', () => {
  it('freePort returns a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) =>
      server.listen(port, '127.0.0.1', resolve).on('error', reject),
    );
    server.close();
    expect(port).toBeGreaterThan(0);
  });

  it('freePort never hands out a port of the ephemeral range outgoing connections take, nor one twice', async () => {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const ports = await Promise.all(Array.from({ length: 200 }, () => freePort()));
    expect(ports.filter((port) => port >= low! && port <= high!)).toEqual([]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('waitFor reports what it waited for when the time runs out', async () => {
    await expect(waitFor('the impossible', () => false, { timeoutMs: 100 })).rejects.toThrow(
      'timed out after 100 ms waiting for the impossible',
    );
    let n = 0;
    await expect(waitFor('three calls', () => ++n >= 3 && n)).resolves.toBe(3);
  });

  it('spawnNode waits for the ready line and stops the process with a signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spawn-'));
    const script = join(dir, 'app.mjs');
    writeFileSync(
      script,
      `console.log('listening on ' + process.env.WHERE);
       process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
       setInterval(() => {}, 1000);`,
    );
    const app = await spawnNode(script, { env: { WHERE: 'here' }, readyWhen: /listening on here/ });
    expect(await app.stop('SIGTERM')).toBe(0);
    expect(app.output()).toContain('bye');
  });

  it('spawnNode fails with the output when the process exits before it is ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spawn-'));
    const script = join(dir, 'crash.mjs');
    writeFileSync(script, `console.error('invalid setting p2p_port="0"'); process.exit(78);`);
    await expect(spawnNode(script, { readyWhen: /never/, readyTimeoutMs: 5000 })).rejects.toThrow(
      /invalid setting p2p_port="0"/,
    );
  });
});
