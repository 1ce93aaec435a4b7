import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { registerPeer, type PeerRecord } from '@teranode-p2p/peer-registry';
import { DATAHUB_PROBES_PER_SELECTION, DataHubProbe, dataHubsToProbe } from './datahub-probe.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');

// A real HTTP server on 127.0.0.1 answering as DataHubs do, or not at all.
describe('DataHub probe (GET <url>/bestblockheader, 2 s, any 2xx)', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url?.startsWith('/slow')) return; // never answers
      if (request.url?.startsWith('/redirect')) {
        response.writeHead(302, { location: '/ok/bestblockheader' });
        return response.end();
      }
      response.statusCode = request.url === '/ok/bestblockheader' ? 204 : 500;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes a 2xx, fails an error, a redirect, a timeout and a refused connection', async () => {
    const probe = new DataHubProbe();
    const urls = {
      ok: `${base}/ok/`,
      failing: `${base}/failing`,
      redirect: `${base}/redirect`,
      slow: `${base}/slow`,
      refused: 'http://127.0.0.1:1',
    };
    const started = Date.now();
    await probe.probe(Object.values(urls));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(Object.fromEntries(Object.entries(urls).map(([k, u]) => [k, probe.healthy(u)]))).toEqual(
      { ok: true, failing: false, redirect: false, slow: false, refused: false },
    );
    expect(hits).toContain('/ok/bestblockheader');
    expect(probe.healthy('http://never-probed.example')).toBeUndefined();
  });

  it('reuses a result for 10 s instead of probing again', async () => {
    const probe = new DataHubProbe();
    const url = `${base}/ok`;
    await probe.probe([url]);
    const before = hits.length;
    await probe.probe([url, url]);
    expect(hits.length).toBe(before);
    await probe.probe([url], Date.now() + 11_000);
    expect(hits.length).toBe(before + 1);
  });
});

describe('dataHubsToProbe', () => {
  const peer = (id: string, fields: Partial<PeerRecord>) =>
    ({
      ...registerPeer(undefined, { id }, T0),
      dataHubUrl: `http://${id}.example`,
      storage: 'full',
      ...fields,
    }) as PeerRecord;

  it('checks at most DATAHUB_PROBES_PER_SELECTION DataHubs, those a selection would try first', () => {
    // A thousand identities claim a great height; the peers with a catch-up record rank first.
    const crowd = Array.from({ length: 1000 }, (_, i) => peer(`sybil${i}`, { height: 900_000 }));
    const trusted = [
      peer('trusted-a', { height: 500, reputationScore: 90 }),
      peer('trusted-b', { height: 400, reputationScore: 85 }),
    ];
    const behind = peer('behind', { height: 50, reputationScore: 99 });
    const urls = dataHubsToProbe([...crowd, behind, ...trusted], 100, T0);
    expect(urls).toHaveLength(DATAHUB_PROBES_PER_SELECTION);
    expect(urls.slice(0, 2)).toEqual(['http://trusted-a.example', 'http://trusted-b.example']);
    expect(urls).not.toContain('http://behind.example');
  });
});
