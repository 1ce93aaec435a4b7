import type { BusProducer, IncomingRecord, OutgoingRecord } from '@teranode-p2p/kafka';
import { deadLetter } from '@teranode-p2p/kafka-translation';

/** Sends records that cannot be handled to the dead-letter topic, with why in the headers. */
export class DeadLetters {
  constructor(
    private readonly producer: BusProducer,
    readonly topic: string,
    private readonly service: string,
  ) {}

  letter(record: IncomingRecord, error: string): OutgoingRecord {
    return deadLetter(record, error, this.service, Date.now());
  }

  async send(letters: OutgoingRecord[]): Promise<void> {
    if (letters.length > 0) await this.producer.send(this.topic, letters);
  }
}

/** The reason text of any thrown value. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
