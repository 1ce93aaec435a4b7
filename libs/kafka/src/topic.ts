import type { TopicContract, TopicSetting } from '@teranode-p2p/contracts';
import type {
  BusProducer,
  IncomingRecord,
  OutgoingRecord,
  SendResult,
  TopicSpec,
} from './message-bus.js';

/** Topic names by the settings that hold them (the service's Settings has them all). */
export type TopicNames = Readonly<Record<TopicSetting, string>>;

/**
 * A topic as a service uses it: its contract (libs/contracts) with the name the settings give
 * it. Producers send messages and consumers read records through it, never Buffers of their
 * own making.
 */
export class Topic<T> {
  private constructor(
    readonly contract: TopicContract<T>,
    readonly name: string,
  ) {}

  /** `names`: the service's Settings, or only the setting this contract reads. */
  static of<T, S extends TopicSetting>(
    contract: TopicContract<T, S>,
    names: Readonly<Record<S, string>>,
  ): Topic<T> {
    return new Topic(contract, names[contract.setting]);
  }

  /** What ensureTopics needs to create it when it is missing. */
  get spec(): TopicSpec {
    const { partitions, maxMessageBytes } = this.contract;
    return { topic: this.name, partitions, maxMessageBytes };
  }

  /** The record of a message, encoded by the contract. */
  record(message: T): OutgoingRecord {
    return this.contract.toRecord(message);
  }

  /** The message of a consumed record; RecordDecodeError when the record is not one. */
  read(record: IncomingRecord): T {
    return this.contract.fromRecord(record);
  }

  /** Sends messages to the topic (see BusProducer.send for what the result means). */
  send(producer: BusProducer, messages: readonly T[]): Promise<SendResult> {
    return producer.send(
      this.name,
      messages.map((message) => this.record(message)),
    );
  }
}
