import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { workspacePath } from '../workspace.js';

const script = workspacePath('deploy/docker/healthcheck.mjs');

function check(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: workspacePath(), env: { PATH: process.env['PATH'], ...env } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('deploy/docker/healthcheck.mjs (the images’ HEALTHCHECK)', () => {
  let server: Server;
  let port: number;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url!);
      response.statusCode = request.url === '/health/liveness' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes when liveness answers 2xx on the port the setting names', async () => {
    const result = await check({ kafka_bridge_http_listen_address: `:${port}` }, [
      'kafka_bridge_http_listen_address',
    ]);
    expect(result).toEqual({ code: 0, stderr: '' });
    expect(requests.at(-1)).toBe('/health/liveness');
  });

  it('fails on a non-2xx answer, naming it', async () => {
    const result = await check({ kafka_bridge_http_listen_address: `127.0.0.1:${port}` }, [
      'kafka_bridge_http_listen_address',
      '/health/readiness',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`http://127.0.0.1:${port}/health/readiness answered HTTP 503`);
  });

  it('fails when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await check({ p2p_http_listen_address: `:${freePort}` }, [
      'p2p_http_listen_address',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('healthcheck:');
  });

  it('fails on a setting that is not a listen address, or a bad value', async () => {
    expect((await check({}, ['network'])).stderr).toContain('network is not a listen address');
    const bad = await check({ p2p_http_listen_address: ':99999' }, ['p2p_http_listen_address']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('invalid setting p2p_http_listen_address');
  });

  it('speaks HTTPS when asked to and securityLevelHTTP > 0, without verifying the certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthcheck-tls-'));
    try {
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-subj',
          '/CN=localhost',
          '-days',
          '1',
        ],
        { stdio: 'ignore' },
      );
      const secure = createHttpsServer(
        { key: readFileSync(key), cert: readFileSync(cert) },
        (_req, res) => res.end(),
      );
      await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
      const securePort = (secure.address() as AddressInfo).port;
      const env = {
        p2p_http_listen_address: `127.0.0.1:${securePort}`,
        securityLevelHTTP: '1',
        server_certFile: cert,
        server_keyFile: key,
      };
      try {
        expect(await check(env, ['p2p_http_listen_address', '--https-if-secure'])).toEqual({
          code: 0,
          stderr: '',
        });
        expect((await check(env, ['p2p_http_listen_address'])).code).toBe(1);
      } finally {
        await new Promise<void>((resolve) => secure.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
