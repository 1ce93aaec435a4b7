import { BanServiceBusyError } from './ban-request-errors.js';

/** Runs tasks one at a time, in arrival order; refuses new ones beyond `max` waiting. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.pending >= this.max) {
      throw new BanServiceBusyError(`${this.pending} ban changes are already waiting; try again`);
    }
    this.pending++;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => this.pending--);
  }
}
