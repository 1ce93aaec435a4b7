import type { Connection, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { Injectable, Logger } from '@nestjs/common';
import { InjectMetrics } from '@teranode-p2p/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { InjectHost, type Libp2pHost } from '../host/host.module.js';
import {
  encodePeerAddressAnswer,
  MAX_PEER_ADDRESS_REQUEST_BYTES,
  PEER_ADDRESS_PROTOCOL,
  PEER_ADDRESS_TIMEOUT_MS,
} from './peer-address-exchange.js';
import { readFirstChunk } from '../host/stream-reads.js';

/** `[]`: no address to share (none known, or only relay circuits). */
const EMPTY_ANSWER_BYTES = 2;
/** Address requests one peer may have open at once. */
const MAX_REQUESTS_PER_PEER = 4;

/**
 * Answers Teranode's peer address requests (peer-address-exchange.ts) from the peer store, in
 * every DHT mode, as Teranode's message bus does: a node without a DHT finds the peers whose
 * gossip reaches it through the peers it is connected to.
 */
@Injectable()
export class PeerAddressServer {
  private readonly answers: Counter<'outcome'>;
  private readonly log = new Logger('GossipNode');

  constructor(
    @InjectHost() private readonly host: Libp2pHost,
    @InjectMetrics() registry: Registry,
  ) {
    this.answers = new Counter({
      name: 'gossip_node_peer_address_requests_answered_total',
      help: 'Peer address requests from peers: known (addresses sent), unknown (none to share, [] sent) or refused (not a peer ID, nothing in time)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.host.handle(
      PEER_ADDRESS_PROTOCOL,
      (stream, connection) => this.answer(stream, connection),
      { maxInboundStreams: MAX_REQUESTS_PER_PEER },
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.host.unhandle(PEER_ADDRESS_PROTOCOL);
  }

  private async answer(stream: Stream, connection: Connection): Promise<void> {
    let wanted;
    try {
      const request = await readFirstChunk(
        stream,
        MAX_PEER_ADDRESS_REQUEST_BYTES,
        PEER_ADDRESS_TIMEOUT_MS,
      );
      wanted = peerIdFromString(new TextDecoder().decode(request).trim());
    } catch (error) {
      this.answers.inc({ outcome: 'refused' });
      this.log.debug(
        `peer address request from ${connection.remotePeer.toString()} refused: ${(error as Error).message}`,
      );
      stream.abort(error as Error);
      return;
    }
    const known = await this.host.peerStore.get(wanted).catch(() => undefined);
    const answer = encodePeerAddressAnswer(known?.addresses.map((a) => a.multiaddr) ?? []);
    this.answers.inc({ outcome: answer.length > EMPTY_ANSWER_BYTES ? 'known' : 'unknown' });
    stream.send(answer);
    await stream.close().catch((error: Error) => stream.abort(error));
  }
}
