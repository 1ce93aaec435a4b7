import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { BanSync } from './ban-sync.js';
import { ScoreReporter } from './score-reporter.js';

/** The host's ban copy kept current, and the score reports to ban-service. */
@Module({ imports: [HostModule], providers: [ScoreReporter, BanSync], exports: [ScoreReporter] })
export class BansModule {}
