import { describe, expect, it } from '@jest/globals';
import { planNetwork } from './network-plan.js';
import { p2pctlDefaults } from './p2pctl-defaults.js';

const identity = {
  sharedKeyHex: 'ab'.repeat(32),
  adminApiKey: 'admin',
  nodes: [
    { name: 'node1', privateKeyHex: '01'.repeat(64), peerId: '12D3KooWA' },
    { name: 'node2', privateKeyHex: '02'.repeat(64), peerId: '12D3KooWB' },
    { name: 'node3', privateKeyHex: '03'.repeat(64), peerId: '12D3KooWC' },
  ],
};

const planOf = (behind: boolean) =>
  planNetwork({
    identity,
    basePort: 20000,
    blockInterval: '3s',
    databaseUrl: 'postgres://x',
    network: 'regtest',
    behind,
  });

describe('planNetwork', () => {
  const plan = planOf(false);

  it('starts the simulator, ban-service and the gateway before the nodes, and the bridge after', () => {
    expect(plan.services.map((s) => s.label)).toEqual([
      'blockchain-simulator',
      'ban-service',
      'ws-gateway',
      'gossip-node node1',
      'gossip-node node2',
      'gossip-node node3',
      'kafka-bridge',
    ]);
  });

  it('gives every listener its own port', () => {
    const listeners = plan.services.flatMap((s) =>
      Object.entries(s.settings)
        .filter(([key]) => key.endsWith('_listen_address') || key === 'p2p_port')
        .map(([, value]) => (value.includes(':') ? value.split(':')[1] : value)),
    );
    expect(new Set(listeners).size).toBe(listeners.length);
  });

  const nodes = plan.services.filter((s) => s.app === 'gossip-node');
  const ofNodes = (key: string) => nodes.map((n) => n.settings[key]);

  it('has each node dial the nodes started before it, on one shared key', () => {
    expect(ofNodes('p2p_static_peers')).toEqual([
      '',
      '/ip4/127.0.0.1/tcp/20010/p2p/12D3KooWA',
      '/ip4/127.0.0.1/tcp/20010/p2p/12D3KooWA|/ip4/127.0.0.1/tcp/20013/p2p/12D3KooWB',
    ]);
    expect(new Set(ofNodes('p2p_shared_key'))).toEqual(new Set(['ab'.repeat(32)]));
    expect(plan.endpoints.nodes[1]).toEqual({
      name: 'node2',
      peerId: '12D3KooWB',
      address: '/ip4/127.0.0.1/tcp/20013/p2p/12D3KooWB',
    });
  });

  it('has node1 announce what the simulator mines and the others follow it listen_only', () => {
    expect(ofNodes('listen_mode')).toEqual(['full', 'listen_only', 'listen_only']);
  });

  it('has every node accept the 127.0.0.1 DataHub URLs the others announce', () => {
    expect(ofNodes('asset_httpPublicAddress')).toEqual([
      'http://127.0.0.1:21010/api/v1',
      'http://127.0.0.1:21013/api/v1',
      'http://127.0.0.1:21016/api/v1',
    ]);
    expect(ofNodes('p2p_allow_private_ips')).toEqual(['true', 'true', 'true']);
  });

  it("gives p2pctl node1, ban-service, the gateway, every service's health URL and the admin key", () => {
    expect(p2pctlDefaults(plan, identity)).toEqual({
      p2p_grpc_address: '127.0.0.1:20011',
      ban_service_grpc_address: '127.0.0.1:20002',
      grpc_admin_api_key: 'admin',
      P2PCTL_GATEWAY: 'http://127.0.0.1:20005',
      P2PCTL_HEALTH: [
        'blockchain-simulator=http://127.0.0.1:20001',
        'ban-service=http://127.0.0.1:20003',
        'ws-gateway=http://127.0.0.1:20005',
        'gossip-node node1=http://127.0.0.1:20012',
        'gossip-node node2=http://127.0.0.1:20015',
        'gossip-node node3=http://127.0.0.1:20018',
        'kafka-bridge=http://127.0.0.1:20004',
      ].join(','),
    });
  });

  it('points every service at the simulator, ban-service and the first node', () => {
    for (const service of plan.services) {
      expect(service.settings['blockchain_grpc_address']).toBe('127.0.0.1:20000');
      expect(service.settings['ban_service_grpc_address']).toBe('127.0.0.1:20002');
      expect(service.settings['p2p_grpc_address']).toBe('127.0.0.1:20011');
    }
    expect(plan.endpoints.websocket).toBe('ws://127.0.0.1:20005/p2p-ws');
  });

  it('with behind, has the last node follow a simulator of its own that stays at genesis, and be the one operated', () => {
    const behind = planOf(true);
    const [main, own] = behind.services.filter((s) => s.app === 'blockchain-simulator');
    expect(own!.settings).toMatchObject({
      simulator_grpc_listen_address: '127.0.0.1:20006',
      simulator_http_listen_address: '127.0.0.1:20007',
      simulator_block_interval: '24h',
      simulator_catch_up: 'true',
      KAFKA_BLOCKS: 'blocks-behind',
    });
    expect(main!.settings['simulator_block_interval']).toBe('3s');
    const nodeSettings = behind.services
      .filter((s) => s.app === 'gossip-node')
      .map((s) => [
        s.settings['blockchain_grpc_address'],
        s.settings['p2p_health_check_enabled'],
        s.settings['KAFKA_BLOCKS'],
      ]);
    expect(nodeSettings).toEqual([
      ['127.0.0.1:20000', undefined, undefined],
      ['127.0.0.1:20000', undefined, undefined],
      ['127.0.0.1:20006', 'false', 'blocks-behind'],
    ]);
    expect(behind.endpoints).toMatchObject({
      behindNode: 'node3',
      operatedNodeGrpc: '127.0.0.1:20017',
    });
    expect(p2pctlDefaults(behind, identity).p2p_grpc_address).toBe('127.0.0.1:20017');
    const gateway = behind.services.find((s) => s.app === 'ws-gateway')!;
    expect(gateway.settings['p2p_grpc_address']).toBe('127.0.0.1:20017');
    expect(plan.endpoints.behindNode).toBeUndefined();
  });
});
