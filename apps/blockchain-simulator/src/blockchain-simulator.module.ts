import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { MessageBusModule } from '@teranode-p2p/service-runtime';
import { BlockchainApiController } from './chain/blockchain-api.controller.js';
import { CatchUpListener } from './chain/catch-up-listener.service.js';
import { FsmStateService } from './chain/fsm-state.service.js';
import { MiningService } from './chain/mining.service.js';

/** Root module of the blockchain-service simulator; the message bus only with simulator_catch_up. */
@Module({})
export class BlockchainSimulatorModule {
  static forRoot(settings: Settings): DynamicModule {
    const catchUp = settings.simulator_catch_up;
    return {
      module: BlockchainSimulatorModule,
      imports: catchUp ? [MessageBusModule.forService('blockchain-simulator')] : [],
      controllers: [BlockchainApiController],
      providers: [MiningService, FsmStateService, ...(catchUp ? [CatchUpListener] : [])],
    };
  }
}
