import { randomBytes } from 'node:crypto';
import { BoundedMap } from '@teranode-p2p/bounded-collections';
import {
  hashToInternalBytes,
  headerHash,
  mineHeader,
  REGTEST_GENESIS,
  serialiseHeader,
  workFromBits,
  type BlockHeader,
} from '@teranode-p2p/chain';

export interface SimulatedBlock {
  hash: string;
  height: number;
  header: BlockHeader;
  /** Cumulative chain work up to and including this block. */
  chainWork: bigint;
  txCount: number;
  sizeInBytes: number;
  subtrees: string[];
}

export interface ChainOptions {
  /** Blocks kept for GetBlockHeader; older ones are forgotten. */
  maxBlocks: number;
  subtreesPerBlock: number;
  now?: () => number;
}

/** A regtest chain that grows by one mined block per `mineNext()`; bounded in memory. */
export class SimulatedChain {
  private readonly byHash: BoundedMap<string, SimulatedBlock>;
  private tip: SimulatedBlock;

  constructor(private readonly options: ChainOptions) {
    this.byHash = new BoundedMap(options.maxBlocks);
    const genesis: SimulatedBlock = {
      hash: headerHash(REGTEST_GENESIS),
      height: 0,
      header: REGTEST_GENESIS,
      chainWork: workFromBits(REGTEST_GENESIS.bits),
      txCount: 1,
      sizeInBytes: 285,
      subtrees: [],
    };
    this.tip = genesis;
    this.byHash.set(genesis.hash, genesis);
  }

  best(): SimulatedBlock {
    return this.tip;
  }

  get(hash: string): SimulatedBlock | undefined {
    return this.byHash.get(hash);
  }

  size(): { blocks: number; forgotten: number } {
    return { blocks: this.byHash.size, forgotten: this.byHash.evicted };
  }

  mineNext(): SimulatedBlock {
    const parent = this.tip;
    const subtrees = Array.from({ length: this.options.subtreesPerBlock }, () =>
      randomBytes(32).toString('hex'),
    );
    const now = Math.floor((this.options.now ?? Date.now)() / 1000);
    const header = mineHeader({
      version: 0x20000000,
      previousHash: parent.hash,
      merkleRoot: randomBytes(32).toString('hex'),
      time: Math.max(now, parent.header.time + 1),
      bits: REGTEST_GENESIS.bits,
    });
    const txCount = 1 + Math.floor(Math.random() * 5000);
    const block: SimulatedBlock = {
      hash: headerHash(header),
      height: parent.height + 1,
      header,
      chainWork: parent.chainWork + workFromBits(header.bits),
      txCount,
      sizeInBytes: 80 + txCount * 250,
      subtrees,
    };
    this.byHash.set(block.hash, block);
    this.tip = block;
    return block;
  }
}

/** Bytes of a block's header and chain work as the blockchain service sends them. */
export function headerBytes(block: SimulatedBlock): Buffer {
  return serialiseHeader(block.header);
}

export function chainWorkBytes(block: SimulatedBlock): Buffer {
  return Buffer.from(block.chainWork.toString(16).padStart(64, '0'), 'hex');
}

export function internalHash(hash: string): Buffer {
  return hashToInternalBytes(hash);
}
