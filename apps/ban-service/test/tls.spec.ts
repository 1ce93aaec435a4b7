import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ban_service, p2p_api } from '@teranode-p2p/contracts';
import {
  adminMetadata,
  BAN,
  call,
  failure,
  PEERS,
  type BanServiceProcess,
} from './support/ban-service-process.js';
import { selfSignedCertificate } from '@teranode-p2p/testing';
import { banTestEnvForSuite } from './support/ban-test-env.js';

// security_level_grpc=1: the gRPC port speaks only TLS with the configured certificate.
describe('ban-service over TLS (security_level_grpc=1)', () => {
  let dir: string;
  const env = banTestEnvForSuite();
  let service: BanServiceProcess;
  let cert: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ban-service-tls-'));
    const files = selfSignedCertificate(dir);
    cert = files.cert;
    const key = files.key;
    service = await env.start({
      security_level_grpc: '1',
      server_certFile: cert,
      server_keyFile: key,
    });
  }, 60_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers clients that trust its certificate, admin calls included', async () => {
    const tls = credentials.createSsl(readFileSync(cert));
    const ban = new ban_service.BanServiceClient(service.grpcAddress, tls);
    const peers = new p2p_api.PeerServiceClient(service.grpcAddress, tls);
    try {
      await call(
        ban,
        BAN.ban,
        { target: '203.0.113.0/24', duration_seconds: '60', until: '0', reason: 'tls' },
        adminMetadata(),
      );
      expect(await call(peers, PEERS.isBanned, { ipOrSubnet: '203.0.113.7' })).toEqual({
        isBanned: true,
      });
    } finally {
      ban.close();
      peers.close();
    }
  });

  it('refuses plaintext clients, and clients that do not trust the certificate', async () => {
    expect(
      (await failure(call(service.peers, PEERS.isBanned, { ipOrSubnet: '1.2.3.4' }))).code,
    ).toBe(status.UNAVAILABLE);
    const untrusting = new p2p_api.PeerServiceClient(service.grpcAddress, credentials.createSsl());
    try {
      expect(
        (await failure(call(untrusting, PEERS.isBanned, { ipOrSubnet: '1.2.3.4' }))).code,
      ).toBe(status.UNAVAILABLE);
    } finally {
      untrusting.close();
    }
  });
});
