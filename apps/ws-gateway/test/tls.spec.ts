import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, selfSignedCertificate, startWithSettings } from '@teranode-p2p/testing';
import { EventProducer, subtreeEvent } from './support/event-producer.js';
import { FeedTestClient, waitUntilConsuming } from './support/feed-client.js';
import { startGateway, type RunningGateway } from './support/gateway-process.js';

describe('ws-gateway over TLS (securityLevelHTTP=1)', () => {
  let dir: string;
  let cert: string;
  let key: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ws-gateway-tls-'));
    ({ cert, key } = selfSignedCertificate(dir));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('with a self-signed certificate', () => {
    let producer: EventProducer;
    let gateway: RunningGateway;

    beforeAll(async () => {
      producer = await EventProducer.create();
      gateway = await startGateway(producer.topic, {
        securityLevelHTTP: '1',
        server_certFile: cert,
        server_keyFile: key,
      });
    }, 60_000);

    afterAll(async () => {
      await gateway?.stop();
      await producer?.close();
    });

    it('serves the feed on wss:// to a client that trusts the certificate', async () => {
      const client = await FeedTestClient.connect(gateway.wsUrl, { ca: readFileSync(cert) });
      await waitUntilConsuming(producer, [client]);
      await producer.send(subtreeEvent('over-tls'));
      const frames = await client.waitForEvents(1);
      expect(frames[0]!.json['hash']).toBe('over-tls');
      client.close();
    });

    it('refuses a client that does not trust it, and plain ws://', async () => {
      await expect(FeedTestClient.connect(gateway.wsUrl)).rejects.toThrow(
        /self-signed|certificate/,
      );
      await expect(FeedTestClient.connect(gateway.wsUrl.replace('wss:', 'ws:'))).rejects.toThrow();
    });
  });

  it.each([
    ['server_certFile', () => ({ server_certFile: join(dir, 'missing.pem'), server_keyFile: key })],
    ['server_keyFile', () => ({ server_certFile: cert, server_keyFile: join(dir, 'missing.pem') })],
  ])('refuses to start when %s cannot be read, naming the setting', async (name, files) => {
    const settings = files();
    const { code, lines } = await startWithSettings('ws-gateway', {
      securityLevelHTTP: '1',
      p2p_http_listen_address: `127.0.0.1:${await freePort()}`,
      ...settings,
    });
    expect(code).toBe(78);
    expect(lines).toEqual([
      `ws-gateway: invalid setting ${name}="${join(dir, 'missing.pem')}": cannot read the file (ENOENT)`,
    ]);
  });

  it('refuses to start when the files are not a certificate and its key', async () => {
    const { code, lines } = await startWithSettings('ws-gateway', {
      securityLevelHTTP: '1',
      p2p_http_listen_address: `127.0.0.1:${await freePort()}`,
      server_certFile: key,
      server_keyFile: cert,
    });
    expect(code).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ws-gateway: invalid settings server_certFile=".*" and server_keyFile=".*": not a matching PEM certificate and key/,
    );
  });
});
