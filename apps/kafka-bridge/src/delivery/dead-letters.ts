import type { BusProducer, IncomingRecord, OutgoingRecord } from '@teranode-p2p/kafka';
import { deadLetter, DLQ_HEADERS } from '@teranode-p2p/kafka-translation';

/**
 * Sends records that cannot be handled to the dead-letter topic, with why in the headers. A
 * letter the topic refuses (the original value is too large for it) is sent again with only
 * its dlq headers, which still say which record failed and why; one refused even so is
 * dropped and counted by the caller.
 */
export class DeadLetters {
  constructor(
    private readonly producer: BusProducer,
    readonly topic: string,
    private readonly service: string,
  ) {}

  letter(record: IncomingRecord, error: string): OutgoingRecord {
    return deadLetter(record, error, this.service, Date.now());
  }

  /** Sends the letters; returns how many the topic refused even without their values. */
  async send(letters: OutgoingRecord[]): Promise<number> {
    if (letters.length === 0) return 0;
    const { refused } = await this.producer.send(this.topic, letters);
    if (refused.length === 0) return 0;
    const stripped = refused.map(({ index, reason, detail }) => {
      const letter = letters[index]!;
      const headers = Object.fromEntries(
        Object.entries(letter.headers ?? {}).filter(([name]) => name.startsWith('dlq.')),
      );
      headers[DLQ_HEADERS.valueDropped] = `${reason}: ${detail}`;
      return { key: letter.key, value: Buffer.alloc(0), headers };
    });
    return (await this.producer.send(this.topic, stripped)).refused.length;
  }
}

/** The reason text of any thrown value. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
