import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { collectedGauge, InjectMetrics, InjectSettings } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { Subject } from 'rxjs';
import { SimulatedChain, type SimulatedBlock } from './simulated-chain.js';

/** Blocks kept answerable by GetBlockHeader. */
const MAX_BLOCKS = 10_000;

/** Mines a block every `simulator_block_interval` and tells subscribers, subtrees first. */
@Injectable()
export class MiningService implements OnModuleInit, OnModuleDestroy {
  readonly chain: SimulatedChain;
  readonly mined = new Subject<SimulatedBlock>();
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger(MiningService.name);
  private readonly blocksMined: Counter;

  constructor(
    @InjectSettings() private readonly settings: Settings,
    @InjectMetrics() registry: Registry,
  ) {
    this.chain = new SimulatedChain({
      maxBlocks: MAX_BLOCKS,
      subtreesPerBlock: settings.simulator_subtrees_per_block,
    });
    this.blocksMined = new Counter({
      name: 'simulator_blocks_mined_total',
      help: 'Blocks mined',
      registers: [registry],
    });
    collectedGauge(registry, () => this.chain.size().blocks, {
      name: 'simulator_blocks_kept',
      help: `Blocks kept for GetBlockHeader (bound ${MAX_BLOCKS})`,
    });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.mineOne(), this.settings.simulator_block_interval);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.mined.complete();
  }

  mineOne(): SimulatedBlock {
    const block = this.chain.mineNext();
    this.blocksMined.inc();
    this.logger.log({
      height: block.height,
      hash: block.hash,
      subtrees: block.subtrees.length,
      msg: 'block mined',
    });
    this.mined.next(block);
    return block;
  }
}
