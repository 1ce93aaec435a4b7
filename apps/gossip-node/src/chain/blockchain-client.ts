import { doubleSha256, internalBytesToHash } from '@teranode-p2p/chain';
import type { HostPort } from '@teranode-p2p/config';
import { blockchain_api } from '@teranode-p2p/contracts';
import {
  grpcClient,
  unaryCall,
  type GrpcClientSettings,
  type UnaryMethod,
} from '@teranode-p2p/service-runtime';

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

function toBlockInfo(response: blockchain_api.GetBlockHeaderResponse): BlockInfo {
  return {
    hash: internalBytesToHash(doubleSha256(response.blockHeader)),
    previousHash: internalBytesToHash(response.blockHeader.subarray(4, 36)),
    height: response.height,
    headerHex: Buffer.from(response.blockHeader).toString('hex'),
    miner: response.miner,
    chainWorkHex: Buffer.from(response.chain_work).toString('hex'),
    txCount: Number(response.tx_count),
    sizeInBytes: Number(response.size_in_bytes),
  };
}

/** The calls gossip-node makes to Teranode's blockchain service, as promises. */
export class BlockchainClient {
  private readonly client: blockchain_api.BlockchainAPIClient;

  constructor(
    readonly address: HostPort,
    private readonly settings: GrpcClientSettings,
  ) {
    this.client = grpcClient(blockchain_api.BlockchainAPIClient, address, settings);
  }

  /** Every call here is a read: retried on any UNAVAILABLE. */
  private unary<Req, Res>(method: string, request: Req): Promise<Res> {
    const call = (this.client as unknown as Record<string, UnaryMethod<Req, Res>>)[method]!.bind(
      this.client,
    );
    return unaryCall('blockchain', call, request, {
      timeoutMs: CALL_TIMEOUT_MS,
      retry: this.settings,
      idempotent: true,
      client: this.client,
    });
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

  /**
   * The block persister's height from the blockchain service's state, as Teranode's P2P reads
   * it for node_status `storage`: 0 when the key holds fewer than 4 bytes.
   */
  async blockPersisterHeight(): Promise<number> {
    const { data } = await this.unary<blockchain_api.GetStateRequest, blockchain_api.StateResponse>(
      'getState',
      { key: 'BlockPersisterHeight' },
    );
    return data.length >= 4 ? Buffer.from(data).readUInt32LE(0) : 0;
  }

  subscribe(source: string) {
    return this.client.subscribe({ source });
  }

  close(): void {
    this.client.close();
  }
}
