import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSettings } from './load-settings.js';

// Teranode's own settings.conf (see the header of the copy): every service of this product must
// start with it, under each context it defines, with the values Teranode reads from it.
const FILE = fileURLToPath(new URL('../test-data/teranode-settings.conf', import.meta.url));

/** Every context a `key.<context> = value` line of the file names. */
function fileContexts(): string[] {
  const contexts = new Set<string>();
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    const match = /^[A-Za-z_][A-Za-z0-9_]*\.([A-Za-z0-9_.-]+)\s*=/.exec(line.trim());
    if (match !== null) contexts.add(match[1] as string);
  }
  return [...contexts].sort();
}

function load(context?: string) {
  return loadSettings({ env: {}, file: FILE, ...(context === undefined ? {} : { context }) });
}

describe("Teranode's settings.conf", () => {
  const contexts = fileContexts();

  it('defines the contexts Teranode runs under', () => {
    expect(contexts).toEqual(
      expect.arrayContaining(['dev', 'docker', 'docker.ss.teranode1', 'operator', 'teratestnet']),
    );
    expect(contexts.length).toBeGreaterThanOrEqual(20);
  });

  it('loads without a context', () => {
    expect(() => load()).not.toThrow();
  });

  it.each(contexts)('loads under SETTINGS_CONTEXT=%s', (context) => {
    expect(() => load(context)).not.toThrow();
  });

  it('gives the bootstrap peers and DHT mode Teranode reads', () => {
    const base = load();
    expect(base.p2p_bootstrap_addresses).toEqual(['/dnsaddr/mainnet.bootstrap.teranode.bsvb.tech']);
    expect(base.p2p_dht_mode).toBe('off');
    expect(base.p2p_dht_cleanup_interval).toBe(24 * 60 * 60_000);
    expect(base.p2p_enable_nat).toBe(false);
    expect(base.p2p_allow_pruned_node_fallback).toBe(true);
    expect(base.p2p_shared_key).toBe(
      '285b49e6d910726a70f205086c39cbac6d8dcc47839053a21b1f614773bbc137',
    );

    const teratestnet = load('teratestnet');
    expect(teratestnet.network).toBe('teratestnet');
    expect(teratestnet.p2p_bootstrap_addresses).toEqual([
      '/dnsaddr/teratestnet.bootstrap.teranode.bsvb.tech',
    ]);

    expect(load('operator').p2p_dht_mode).toBe('server');
  });

  it('gives the policy node_status advertises as Teranode reads it', () => {
    const base = load();
    expect([
      base.minminingtxfee,
      base.maxscriptsizepolicy,
      base.maxtxsizepolicy,
      base.maxtxsigopscountspolicy,
    ]).toEqual([0.00000001, 500_000, 100_000_000, 4_294_967_295]);
    expect(base.asset_propagation_public_url).toBeUndefined();
    expect(load('dev').minminingtxfee).toBe(0);
    expect(load('docker.m').minminingtxfee).toBe(0.00000001);
  });

  it('reads the dev context, whose network line ends in a comment', () => {
    const dev = load('dev');
    expect(dev.network).toBe('regtest');
    expect(dev.p2p_dht_mode).toBe('client');
    expect(dev.listen_mode).toBe('listen_only');
    expect(dev.p2p_enable_nat).toBe(true);
    expect(dev.p2p_bootstrap_addresses).toEqual(['/dnsaddr/regtest.bootstrap.teranode.bsvb.tech']);
  });

  it('reads the per-node and Kubernetes values', () => {
    const teranode1 = load('docker.ss.teranode1');
    expect(teranode1.clientName).toBe('teranode1');
    expect(teranode1.p2p_peer_id).toBe('12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG');
    expect(teranode1.p2p_private_key).toMatch(/^c8a1b91a/);

    const operator = load('operator');
    expect(operator.p2p_grpc_address).toEqual({
      host: 'peer.teranode.svc.cluster.local',
      port: 9904,
    });
    expect(operator.blockchain_grpc_address).toEqual({
      host: 'blockchain.teranode.svc.cluster.local',
      port: 8087,
    });
  });
});
