import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { TopicRendezvous } from './topic-rendezvous.js';

/** Topic discovery on the DHT. */
@Module({ imports: [HostModule], providers: [TopicRendezvous] })
export class DiscoveryModule {}
