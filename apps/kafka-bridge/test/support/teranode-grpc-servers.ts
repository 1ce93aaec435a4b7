import {
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { ban_service, blockchain_api, gossip_node } from '@teranode-p2p/contracts';

type Reply<T> = sendUnaryData<T>;

/** A fixed reply for one peer ID: an error status instead of a score. */
export type ScoreFailure = { code: status; details: string };

/**
 * Real gRPC servers of the services the bridge calls (ban-service, gossip-node, blockchain),
 * implemented here with the generated service definitions: they record every call.
 */
export class TeranodeGrpcServers {
  readonly scores: { peer_id: string; reason: string; apiKey: string | undefined }[] = [];
  readonly published: gossip_node.PublishRequest[] = [];
  fsmState = blockchain_api.FSMStateType.RUNNING;
  fsmQueries = 0;
  /** Peers whose AddScore fails with this status. */
  readonly failingPeers = new Map<string, ScoreFailure>();
  private server?: Server;

  constructor(readonly port: number) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new Server();
    server.addService(ban_service.BanServiceService, {
      addScore: (
        call: ServerUnaryCall<ban_service.AddScoreRequest, ban_service.PeerScore>,
        reply: Reply<ban_service.PeerScore>,
      ) => {
        const failure = this.failingPeers.get(call.request.peer_id);
        if (failure) return reply({ code: failure.code, details: failure.details });
        this.scores.push({
          peer_id: call.request.peer_id,
          reason: call.request.reason,
          apiKey: call.metadata.get('x-api-key')[0]?.toString(),
        });
        reply(
          null,
          ban_service.PeerScore.fromPartial({ peer_id: call.request.peer_id, score: 10 }),
        );
      },
    });
    server.addService(gossip_node.GossipNodeService, {
      publish: (
        call: ServerUnaryCall<gossip_node.PublishRequest, gossip_node.PublishResponse>,
        reply: Reply<gossip_node.PublishResponse>,
      ) => {
        this.published.push(call.request);
        reply(null, { topic: 'teranode/bitcoin/1.0.0/mainnet-rejected_tx', recipients: 0 });
      },
    });
    server.addService(blockchain_api.BlockchainAPIService, {
      getFsmCurrentState: (_call: unknown, reply: Reply<blockchain_api.GetFSMStateResponse>) => {
        this.fsmQueries++;
        reply(null, { state: this.fsmState });
      },
    });
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(this.address, ServerCredentials.createInsecure(), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  }
}
