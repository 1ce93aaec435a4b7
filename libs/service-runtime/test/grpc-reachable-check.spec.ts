import { status, type sendUnaryData, type Server, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { blockchain_api, grpc_health } from '@teranode-p2p/contracts';
import { freePort, serveGrpc } from '@teranode-p2p/testing';
import { grpcReachableCheck } from '../src/index.js';

const { HealthCheckResponse_ServingStatus: ServingStatus } = grpc_health;

function healthAnswering(answer: () => grpc_health.HealthCheckResponse_ServingStatus) {
  return (server: Server) =>
    server.addService(grpc_health.HealthService, {
      check: (
        _call: ServerUnaryCall<grpc_health.HealthCheckRequest, grpc_health.HealthCheckResponse>,
        reply: sendUnaryData<grpc_health.HealthCheckResponse>,
      ) => reply(null, { status: answer() }),
      watch: () => undefined,
    });
}

const probe = () => ({ signal: new AbortController().signal });

describe('grpcReachableCheck asks grpc.health.v1', () => {
  const servers: Server[] = [];
  const checks: { close(): void }[] = [];
  afterEach(() => {
    for (const check of checks.splice(0)) check.close();
    for (const server of servers.splice(0)) server.forceShutdown();
  });

  it('counts SERVING as up and NOT_SERVING as down, following the server as it changes', async () => {
    let current = ServingStatus.SERVING;
    const { address, server } = await serveGrpc(healthAnswering(() => current));
    servers.push(server);
    const check = grpcReachableCheck(address);
    checks.push(check);
    await expect(check(probe())).resolves.toEqual({ address, grpcHealth: 'SERVING' });
    current = ServingStatus.NOT_SERVING;
    await expect(check(probe())).rejects.toThrow(`gRPC server at ${address} reports NOT_SERVING`);
    current = ServingStatus.UNKNOWN;
    await expect(check(probe())).rejects.toThrow(`gRPC server at ${address} reports UNKNOWN`);
    current = ServingStatus.SERVING;
    await expect(check(probe())).resolves.toEqual({ address, grpcHealth: 'SERVING' });
  });

  it('counts a server without grpc.health.v1 (UNIMPLEMENTED) as reachable', async () => {
    // Like Teranode's blockchain service: its own API, no health service.
    const { address, server } = await serveGrpc((s) =>
      s.addService(blockchain_api.BlockchainAPIService, {} as never),
    );
    servers.push(server);
    const check = grpcReachableCheck(address);
    checks.push(check);
    await expect(check(probe())).resolves.toEqual({
      address,
      grpcHealth: `not served (${status[status.UNIMPLEMENTED]})`,
    });
  });

  it('counts no server at the address as down', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const check = grpcReachableCheck(address);
    checks.push(check);
    const failure = (await check(probe()).catch((error: unknown) => error)) as Error;
    expect(failure.message).toMatch(
      new RegExp(`^no gRPC server at ${address}: No connection established`),
    );
    // grpc-js's parts it leaves empty are left out.
    expect(failure.message).not.toMatch(/Resolution note|Last error: null/);
  });
});
