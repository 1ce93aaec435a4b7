import { blocksTopic } from '@teranode-p2p/contracts';
import { Topic, type BusProducer, type MessageBus } from '@teranode-p2p/kafka';
import type { SyncTriggerMessage } from '@teranode-p2p/peer-registry';

/**
 * Starts the local Teranode's catch-up from the sync peer as Teranode's P2P does (§5.3): the
 * peer's best block as a KafkaBlockTopicMessage on the blocks topic, keyed by the hash's hex
 * string. Block validation treats it like an announced block and catches up from its URL.
 */
export class SyncTriggerSender {
  private producer: Promise<BusProducer> | undefined;
  private readonly topic: Topic<{ hash: string; URL: string; peer_id: string }>;

  constructor(
    private readonly bus: MessageBus,
    topicName: string,
  ) {
    this.topic = Topic.of(blocksTopic, { KAFKA_BLOCKS: topicName });
  }

  async send(trigger: SyncTriggerMessage): Promise<void> {
    const producer = await this.connected();
    const { refused } = await this.topic.send(producer, [
      { hash: trigger.hash, URL: trigger.url, peer_id: trigger.peerId },
    ]);
    if (refused.length > 0)
      throw new Error(`${this.topic.name} refused the sync trigger: ${refused[0]!.detail}`);
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connected(): Promise<BusProducer> {
    this.producer ??= (async () => {
      await this.bus.ensureTopics([this.topic.spec]);
      return this.bus.createProducer();
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }
}
