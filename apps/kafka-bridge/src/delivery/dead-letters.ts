import type { DeadLetter } from '@teranode-p2p/contracts';
import type { BusProducer, IncomingRecord, Topic } from '@teranode-p2p/kafka';

/**
 * Sends records that cannot be handled to the dead-letter topic, with why in the headers. A
 * letter the topic refuses (the original value is too large for it) is sent again without the
 * original value and headers, its dlq headers still saying which record failed and why; one
 * refused even so is dropped and counted by the caller.
 */
export class DeadLetters {
  constructor(
    private readonly producer: BusProducer,
    private readonly deadLetters: Topic<DeadLetter>,
    private readonly service: string,
  ) {}

  get topic(): string {
    return this.deadLetters.name;
  }

  letter(record: IncomingRecord, error: string): DeadLetter {
    return { original: record, error, service: this.service, failedAtMs: Date.now() };
  }

  /** Sends the letters; returns how many the topic refused even without their values. */
  async send(letters: DeadLetter[]): Promise<number> {
    if (letters.length === 0) return 0;
    const { refused } = await this.deadLetters.send(this.producer, letters);
    if (refused.length === 0) return 0;
    const stripped = refused.map(({ index, reason, detail }) => ({
      ...letters[index]!,
      valueDropped: `${reason}: ${detail}`,
    }));
    return (await this.deadLetters.send(this.producer, stripped)).refused.length;
  }
}

/** The reason text of any thrown value. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
