import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { blockchain_api, blocksTopic } from '@teranode-p2p/contracts';
import { Topic, type BusConsumer, type IncomingRecord, type ServiceBus } from '@teranode-p2p/kafka';
import { InjectBus, InjectSettings } from '@teranode-p2p/service-runtime';
import { FsmStateService } from './fsm-state.service.js';
import { MiningService } from './mining.service.js';

/**
 * What block validation of the Teranode this simulator stands for does with its blocks topic,
 * as far as the FSM shows it (`simulator_catch_up`): a block the chain does not know (the sync
 * coordinator's catch-up trigger, or an announced block whose parent is unknown) starts a
 * catch-up, so the FSM reports CATCHINGBLOCKS from then on. The simulator downloads nothing,
 * so it never catches up and stays there.
 */
@Injectable()
export class CatchUpListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: BusConsumer | undefined;
  private readonly topic: Topic<{ hash: string; URL: string; peer_id: string }>;
  private readonly logger = new Logger('CatchUp');

  constructor(
    @InjectSettings() settings: Settings,
    @InjectBus() private readonly bus: ServiceBus,
    @Inject(MiningService) private readonly mining: MiningService,
    @Inject(FsmStateService) private readonly fsm: FsmStateService,
  ) {
    this.topic = Topic.of(blocksTopic, settings);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics([this.topic.spec]);
    this.consumer = this.bus.createConsumer({
      // A group per blocks topic: simulators standing for different nodes on one broker do not
      // rebalance each other, and a simulator's replicas share its node's records.
      groupId: `blockchain-simulator-catch-up-${this.topic.name}`,
      topics: [this.topic.name],
      fromBeginning: false,
      handler: async (record) => this.handle(record),
    });
    await this.consumer.start();
    this.logger.log(`reading ${this.topic.name} for blocks to catch up to`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private handle(record: IncomingRecord): void {
    let block: { hash: string; URL: string; peer_id: string };
    try {
      block = this.topic.read(record);
    } catch (error) {
      this.logger.warn(`skipped a record of ${this.topic.name}: ${(error as Error).message}`);
      return;
    }
    const { RUNNING, CATCHINGBLOCKS } = blockchain_api.FSMStateType;
    if (this.mining.chain.get(block.hash) || this.fsm.current !== RUNNING) return;
    this.logger.log(
      `catching up to ${block.hash} from ${block.peer_id || 'an unnamed peer'} at ${block.URL}`,
    );
    this.fsm.set(CATCHINGBLOCKS);
  }
}
