import { Server, ServerCredentials, status, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { ban_service, p2p_api } from '@teranode-p2p/contracts';
import { freePort } from '@teranode-p2p/testing';

export interface RecordedCall {
  method: string;
  request: unknown;
  apiKey: string | undefined;
}

/**
 * A real gRPC server in ban-service's place (p2p_api.PeerService and the BanService calls the
 * node makes) that records what reaches it. `initialBans` is what List answers.
 */
export async function startBanServiceDouble(initialBans: ban_service.BanEntry[] = []) {
  const calls: RecordedCall[] = [];
  const server = new Server();
  const record = (method: string, answer: (request: never) => object | ServiceError) =>
    ((
      call: { request: never; metadata: Metadata },
      callback: (e: ServiceError | null, r?: object) => void,
    ) => {
      calls.push({
        method,
        request: call.request,
        apiKey: call.metadata.get('x-api-key')[0]?.toString(),
      });
      const result = answer(call.request);
      if ('code' in result) callback(result as ServiceError);
      else callback(null, result);
    }) as never;
  server.addService(p2p_api.PeerServiceService, {
    getPeers: record('getPeers', () => ({ peers: [] })),
    banPeer: record('banPeer', (r: p2p_api.BanPeerRequest) =>
      r.addr === 'bad'
        ? ({ code: status.INVALID_ARGUMENT, details: 'addr "bad" is not an IP' } as ServiceError)
        : { ok: true },
    ),
    unbanPeer: record('unbanPeer', () => ({ ok: true })),
    isBanned: record('isBanned', (r: p2p_api.IsBannedRequest) => ({
      isBanned: r.ipOrSubnet === '10.0.0.1',
    })),
    listBanned: record('listBanned', () => ({ banned: ['10.0.0.1/32'] })),
    clearBanned: record('clearBanned', () => ({ ok: true })),
    addBanScore: record('addBanScore', () => ({ ok: true })),
    connectPeer: record('connectPeer', () => ({ success: false, error: 'not here' })),
    disconnectPeer: record('disconnectPeer', () => ({ success: false, error: 'not here' })),
  });
  const unimplemented = () =>
    ({ code: status.UNIMPLEMENTED, details: 'not in the double' }) as ServiceError;
  server.addService(ban_service.BanServiceService, {
    ban: record('ban', unimplemented),
    unban: record('unban', unimplemented),
    list: record('list', () => ({ entries: initialBans })),
    check: record('check', unimplemented),
    clear: record('clear', unimplemented),
    getScore: record('getScore', (r: ban_service.PeerRequest) => ({
      peer_id: r.peer_id,
      score: 42,
      banned: false,
      banned_until: '0',
      recent_reasons: [],
    })),
    addScore: record('addScore', (r: ban_service.AddScoreRequest) => ({
      peer_id: r.peer_id,
      score: 20,
      banned: false,
      banned_until: '0',
      recent_reasons: [],
    })),
    resetScore: record('resetScore', unimplemented),
    watchBans: ((call: { end(): void }) => call.end()) as never,
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (e) =>
      e ? reject(e) : resolve(),
    ),
  );
  return {
    calls,
    port,
    address: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

export type BanServiceDouble = Awaited<ReturnType<typeof startBanServiceDouble>>;
