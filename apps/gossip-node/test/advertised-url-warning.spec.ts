import { afterEach, describe, expect, it } from '@jest/globals';
import { startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';

// Peers check the DataHub URL of every announcement and score a sender whose URL points at
// localhost or a private network, so a node left on the default asset_httpAddress is soon
// banned by its peers (found by the deployment test): the built node must say so at start.
describe('gossip-node warns when peers will refuse the DataHub URL it advertises', () => {
  let node: NodeProcess | undefined;
  afterEach(async () => {
    await node?.app.stop('SIGKILL');
    node = undefined;
  });

  const warnings = (n: NodeProcess) =>
    n.app
      .output()
      .split('\n')
      .filter((line) => line.includes('set asset_httpPublicAddress'));

  it('on the default localhost URL, naming the setting and the fix', async () => {
    node = await startNodeProcess({});
    const lines = warnings(node);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as { level: number; msg: string };
    expect(entry.level).toBe(40);
    expect(entry.msg).toContain(
      'asset_httpAddress "http://localhost:8090/api/v1" points to localhost: peers with p2p_allow_private_ips=false (the default) refuse',
    );
  }, 30_000);

  it('on a private public address', async () => {
    node = await startNodeProcess({ asset_httpPublicAddress: 'http://10.1.2.3:8090/api/v1' });
    expect(warnings(node)[0]).toContain(
      'asset_httpPublicAddress \\"http://10.1.2.3:8090/api/v1\\" points to private address',
    );
  }, 30_000);

  it.each([
    ['a public URL', { asset_httpPublicAddress: 'https://node1.example.com/api/v1' }],
    ['a node of a private network (p2p_allow_private_ips)', { p2p_allow_private_ips: 'true' }],
    ['a listen-only node, which announces nothing', { listen_mode: 'listen_only' }],
  ])(
    'not for %s',
    async (_name, env) => {
      node = await startNodeProcess(env);
      expect(node.app.output()).toContain('gossip-node ready');
      expect(warnings(node)).toEqual([]);
    },
    30_000,
  );
});
