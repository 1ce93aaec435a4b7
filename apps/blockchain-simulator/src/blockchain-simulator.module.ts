import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';
import { BlockchainApiController } from './chain/blockchain-api.controller.js';
import { MiningService } from './chain/mining.service.js';

/** Root module of the blockchain-service simulator. */
@Module({})
export class BlockchainSimulatorModule {
  static forRoot(_settings: Settings): DynamicModule {
    return {
      module: BlockchainSimulatorModule,
      controllers: [BlockchainApiController],
      providers: [MiningService],
    };
  }
}
