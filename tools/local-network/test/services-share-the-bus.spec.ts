import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { blocksTopic, p2p_events, p2pEventsTopic } from '@teranode-p2p/contracts';
import { processMessageBus, type BusConsumer, type IncomingRecord } from '@teranode-p2p/kafka';
import { startService, type RunningService } from '@teranode-p2p/service-runtime';
import { freePort, waitFor } from '@teranode-p2p/testing';
import { pino } from 'pino';
import WebSocket from 'ws';
import { loadServiceDefinition } from '../src/load-service.js';
import type { ServiceApp } from '../src/network-plan.js';

const SENDER = '12D3KooWBv1jXjEN3zMZ7cJzQa4LZQZKGeNp8xYZAtNAd5DEbR9n';
const RECEIVER = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';

function blockEvent(hash: string): p2p_events.P2PEvent {
  return p2p_events.P2PEvent.fromPartial({
    sender_peer_id: SENDER,
    receiver_peer_id: RECEIVER,
    topic: 'teranode/bitcoin/1.0.0/regtest-block',
    received_at_ms: String(Date.now()),
    block: { hash, height: 7, data_hub_url: 'http://peer/api/v1', peer_id: SENDER },
  });
}

// The embedded local network composes every service in one process on the in-process bus
// (design.md §7). Stopping one of them (here ban-service, which only produces) must leave the
// others' consumers running: kafka-bridge keeps forwarding p2p.events to blocks and
// ws-gateway keeps feeding its WebSocket clients.
describe('services of the local network share one in-process bus', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-network-bus-'));
  const running = new Map<ServiceApp, RunningService>();

  afterAll(async () => {
    for (const service of [...running.values()].reverse()) await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ws-gateway and kafka-bridge keep consuming after ban-service stops', async () => {
    const banGrpc = `127.0.0.1:${await freePort()}`;
    const gatewayHttp = `127.0.0.1:${await freePort()}`;
    const common = { data_dir: dataDir, ban_service_grpc_address: banGrpc };
    const plan: [ServiceApp, Record<string, string>][] = [
      [
        'ban-service',
        {
          ban_service_grpc_listen_address: banGrpc,
          ban_service_http_listen_address: `127.0.0.1:${await freePort()}`,
        },
      ],
      ['ws-gateway', { p2p_http_listen_address: gatewayHttp }],
      ['kafka-bridge', { kafka_bridge_http_listen_address: `127.0.0.1:${await freePort()}` }],
    ];
    for (const [app, env] of plan) {
      const settings = loadSettings({ env: { ...common, ...env } });
      const definition = await loadServiceDefinition(app);
      running.set(app, await startService(definition, settings, pino({ level: 'silent' })));
    }
    const settings = loadSettings({ env: {} });
    const bus = processMessageBus();
    const producer = await bus.createProducer();
    const ws = new WebSocket(`ws://${gatewayHttp}/p2p-ws`);
    const shown: string[] = [];
    ws.on('message', (data) => {
      const json = JSON.parse(String(data)) as { type: string; hash?: string };
      if (json.type === 'block' && json.hash) shown.push(json.hash);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    let reader: BusConsumer | undefined;
    try {
      const before = 'aa'.repeat(32);
      const after = 'bb'.repeat(32);
      await producer.send(settings.KAFKA_P2P_EVENTS, [p2pEventsTopic.toRecord(blockEvent(before))]);
      await waitFor('the block shown', () => shown.includes(before));

      await running.get('ban-service')!.close();
      running.delete('ban-service');

      await producer.send(settings.KAFKA_P2P_EVENTS, [p2pEventsTopic.toRecord(blockEvent(after))]);
      await waitFor('ws-gateway to show a block after ban-service stopped', () =>
        shown.includes(after),
      );
      // Read after ban-service stopped (from the beginning), so only kafka-bridge is on trial.
      const blocks: IncomingRecord[] = [];
      reader = bus.createConsumer({
        groupId: 'local-network-test-blocks',
        topics: [settings.KAFKA_BLOCKS],
        fromBeginning: true,
        handler: async (record) => void blocks.push(record),
      });
      await reader.start();
      await waitFor(
        'kafka-bridge to forward a block after ban-service stopped',
        () => blocks.length >= 2,
      );
      expect(blocks.map((r) => blocksTopic.fromRecord(r).hash)).toEqual([before, after]);
      expect(shown).toEqual([before, after]);
    } finally {
      ws.close();
      await producer.disconnect();
      await reader?.stop();
    }
  }, 90_000);
});
