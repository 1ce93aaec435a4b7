import { Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';

/** Root module of gossip-node; composable next to the other services in one process. */
@Module({})
export class GossipNodeModule {
  static forRoot(_settings: Settings): DynamicModule {
    return { module: GossipNodeModule };
  }
}
