import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from '@teranode-p2p/config';

export const SETTINGS = Symbol('SETTINGS');

/** Injects the validated settings of the process: `constructor(@InjectSettings() s: Settings)`. */
export const InjectSettings = (): ParameterDecorator => Inject(SETTINGS);

@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: SETTINGS, useValue: settings }],
      exports: [SETTINGS],
    };
  }
}
