import { status, type sendUnaryData } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@teranode-p2p/config';
import { blockchain_api } from '@teranode-p2p/contracts';
import { serveGrpc, waitFor } from '@teranode-p2p/testing';
import type { GossipPublisher } from '../gossip/outbound-gossip.js';
import type { Libp2pHost } from '../host/host.module.js';
import { BlockchainListener } from './blockchain-listener.js';

describe('BlockchainListener', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('does not say RUNNING before it knows the best block: the sync coordinator would take height 0', async () => {
    let headerCalls = 0;
    const served = await serveGrpc((server) =>
      server.addService(blockchain_api.BlockchainAPIService, {
        getFsmCurrentState: (_call: unknown, reply: sendUnaryData<object>) =>
          reply(null, { state: blockchain_api.FSMStateType.RUNNING }),
        getBestBlockHeader: (_call: unknown, reply: sendUnaryData<object>) => {
          headerCalls++;
          reply({ code: status.UNAVAILABLE, details: 'block store starting' });
        },
      }),
    );
    cleanups.push(() => served.server.forceShutdown());
    const listener = new BlockchainListener(
      loadSettings({
        env: {
          blockchain_grpc_address: served.address,
          log_level: 'silent',
          grpc_max_retries: '0',
        },
      }),
      { peerId: { toString: () => '12D3KooWtest' } } as unknown as Libp2pHost,
      {} as GossipPublisher,
    );
    cleanups.push(() => listener.beforeApplicationShutdown());
    listener.onApplicationBootstrap();
    await waitFor('the best block asked for', () => headerCalls > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listener.view).toMatchObject({ fsmState: 'UNKNOWN', bestHeight: 0, bestBlockHash: '' });
  });
});
