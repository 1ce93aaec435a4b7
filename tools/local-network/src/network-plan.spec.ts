import { describe, expect, it } from '@jest/globals';
import { planNetwork } from './network-plan.js';

const identity = {
  sharedKeyHex: 'ab'.repeat(32),
  adminApiKey: 'admin',
  nodes: [
    { name: 'node1', privateKeyHex: '01'.repeat(64), peerId: '12D3KooWA' },
    { name: 'node2', privateKeyHex: '02'.repeat(64), peerId: '12D3KooWB' },
    { name: 'node3', privateKeyHex: '03'.repeat(64), peerId: '12D3KooWC' },
  ],
};

describe('planNetwork', () => {
  const plan = planNetwork({
    identity,
    basePort: 20000,
    blockInterval: '3s',
    databaseUrl: 'postgres://x',
    network: 'regtest',
  });

  it('starts the simulator and ban-service before the nodes, and the bridge and gateway after', () => {
    expect(plan.services.map((s) => s.label)).toEqual([
      'blockchain-simulator',
      'ban-service',
      'gossip-node node1',
      'gossip-node node2',
      'gossip-node node3',
      'kafka-bridge',
      'ws-gateway',
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

  it('makes every node a static peer of the others, on one shared key', () => {
    const nodes = plan.services.filter((s) => s.app === 'gossip-node');
    expect(nodes[0]!.settings['p2p_static_peers']).toBe(
      '/ip4/127.0.0.1/tcp/20013/p2p/12D3KooWB|/ip4/127.0.0.1/tcp/20016/p2p/12D3KooWC',
    );
    expect(new Set(nodes.map((n) => n.settings['p2p_shared_key']))).toEqual(
      new Set(['ab'.repeat(32)]),
    );
    expect(plan.endpoints.nodes[1]).toEqual({
      name: 'node2',
      peerId: '12D3KooWB',
      address: '/ip4/127.0.0.1/tcp/20013/p2p/12D3KooWB',
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
});
