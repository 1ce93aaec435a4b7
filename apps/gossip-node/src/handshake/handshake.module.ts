import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module.js';
import { GossipModule } from '../gossip/gossip.module.js';
import { HostModule } from '../host/host.module.js';
import { Handshake } from './handshake.js';

/** The legacy version/verack handshake (p2p_handshake_enabled). */
@Module({ imports: [HostModule, GossipModule, ChainModule], providers: [Handshake] })
export class HandshakeModule {}
