import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status, type ServiceError } from '@grpc/grpc-js';
import { p2p_api } from '@teranode-p2p/contracts';
import { requireKafka } from '@teranode-p2p/testing';
import { newNodeKey, startNodeProcess, type NodeProcess } from './support/gossip-node-process.js';
import { insecure, unary } from './support/grpc.js';
import { startRealBanService, type RealBanService } from './support/real-ban-service.js';

const API_KEY = 'test-admin-key';
const ADDR = '10.9.8.7';

type Outcome = { response: unknown } | { code: number; details: string };

const outcome = (client: p2p_api.PeerServiceClient, until: string): Promise<Outcome> =>
  unary(client, 'banPeer', { addr: ADDR, until }, API_KEY).then(
    (response) => ({ response }),
    (error: ServiceError) => ({ code: error.code, details: error.details }),
  );

// gossip-node forwards BanPeer to the real ban-service (real PostgreSQL and Kafka): for any
// int64 `until` the caller gets exactly what ban-service answers when called directly.
describe('BanPeer through gossip-node carries int64 until exactly', () => {
  let banService: RealBanService;
  let node: NodeProcess;
  let direct: p2p_api.PeerServiceClient;
  let forwarded: p2p_api.PeerServiceClient;

  beforeAll(async () => {
    const brokers = await requireKafka();
    banService = await startRealBanService('int64', brokers, { grpc_admin_api_key: API_KEY });
    const banServiceAddress = banService.address;
    node = await startNodeProcess({
      network: 'regtest',
      grpc_admin_api_key: API_KEY,
      ban_service_grpc_address: banServiceAddress,
      p2p_min_peers: '0',
      p2p_private_key: (await newNodeKey()).hex,
    });
    direct = new p2p_api.PeerServiceClient(banServiceAddress, insecure());
    forwarded = new p2p_api.PeerServiceClient(node.grpcAddress, insecure());
  }, 60_000);

  afterAll(async () => {
    direct?.close();
    forwarded?.close();
    await node?.app.stop();
    await banService?.stop();
  });

  const refused = (details: string): Outcome => ({ code: status.INVALID_ARGUMENT, details });

  it.each([
    ['9223372036854775807', refused('a ban may last at most 100 years')],
    [
      '-9223372036854775808',
      refused('until=-9223372036854775808 is not a whole number of seconds ≥ 0'),
    ],
    ['0', refused('until is required: absolute Unix seconds in the future')],
    ['-1', refused('until=-1 is not a whole number of seconds ≥ 0')],
    [String(Math.floor(Date.now() / 1000) + 3600), { response: { ok: true } }],
  ])('until=%s', async (until, expected) => {
    expect(await outcome(direct, until)).toEqual(expected);
    expect(await outcome(forwarded, until)).toEqual(expected);
  });
});
