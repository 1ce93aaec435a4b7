import { createHash } from 'node:crypto';
import { Metadata, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { internalBytesToHash } from '@teranode-p2p/chain';
import { formatHostPort } from '@teranode-p2p/config';
import { blockchain_api } from '@teranode-p2p/contracts';

const CALL_TIMEOUT_MS = 5000;

export interface BlockInfo {
  readonly hash: string;
  /** Display hex of the parent: header bytes 4-36, in internal order there. */
  readonly previousHash: string;
  readonly height: number;
  readonly headerHex: string;
  readonly miner: string;
  readonly chainWorkHex: string;
  readonly txCount: number;
  readonly sizeInBytes: number;
}

/** A block's hash: double SHA-256 of its 80-byte header, in display (reversed) order. */
export function headerHash(header: Uint8Array): string {
  const once = createHash('sha256').update(header).digest();
  return internalBytesToHash(createHash('sha256').update(once).digest());
}

function toBlockInfo(response: blockchain_api.GetBlockHeaderResponse): BlockInfo {
  return {
    hash: headerHash(response.blockHeader),
    previousHash: internalBytesToHash(response.blockHeader.subarray(4, 36)),
    height: response.height,
    headerHex: Buffer.from(response.blockHeader).toString('hex'),
    miner: response.miner,
    chainWorkHex: Buffer.from(response.chain_work).toString('hex'),
    txCount: Number(response.tx_count),
    sizeInBytes: Number(response.size_in_bytes),
  };
}

type UnaryCall<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

/** The calls gossip-node makes to Teranode's blockchain service, as promises. */
export class BlockchainClient {
  private readonly client: blockchain_api.BlockchainAPIClient;

  constructor(
    readonly address: { host: string; port: number },
    channel: ChannelCredentials,
  ) {
    this.client = new blockchain_api.BlockchainAPIClient(formatHostPort(address), channel);
  }

  private unary<Req, Res>(method: string, request: Req): Promise<Res> {
    const call = (this.client as unknown as Record<string, UnaryCall<Req, Res>>)[method]!.bind(
      this.client,
    );
    return new Promise((resolve, reject) =>
      call(
        request,
        new Metadata(),
        { deadline: Date.now() + CALL_TIMEOUT_MS },
        (error, response) => (error ? reject(error) : resolve(response)),
      ),
    );
  }

  async blockHeader(hashBytes: Uint8Array): Promise<BlockInfo> {
    return toBlockInfo(await this.unary('getBlockHeader', { blockHash: Buffer.from(hashBytes) }));
  }

  async bestBlockHeader(): Promise<BlockInfo> {
    return toBlockInfo(await this.unary('getBestBlockHeader', {}));
  }

  async fsmState(): Promise<blockchain_api.FSMStateType> {
    return (await this.unary<object, blockchain_api.GetFSMStateResponse>('getFsmCurrentState', {}))
      .state;
  }

  subscribe(source: string) {
    return this.client.subscribe({ source });
  }

  close(): void {
    this.client.close();
  }
}
