import type { p2p_events } from '@teranode-p2p/contracts';
import type { DataSource } from 'typeorm';
import { stage } from './ban-outbox.js';

// Every change takes this transaction lock: replicas change the ban state one at a time, so
// outbox ids follow commit order and the table limit holds across replicas.
const BAN_STATE_LOCK = 0x7032_6261;

/** Runs SQL: a DataSource for reads; a Tx also answers the rows of `DELETE … RETURNING`. */
export interface Sql {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/** A ban change in progress: its queries, and the events it publishes if it commits. */
export interface Tx extends Sql {
  emit(event: p2p_events.BanEvent): void;
}

export interface StampedEvent {
  /** Outbox id, unique and increasing in commit order. */
  id: string;
  event: p2p_events.BanEvent;
}

export interface Committed<T> {
  result: T;
  events: StampedEvent[];
}

/**
 * One ban change in one transaction that also writes its BanEvents to the outbox and NOTIFYs
 * them, so the change, its announcement to the other replicas and its later publication to
 * Kafka commit together or not at all.
 */
export function runBanTransaction<T>(
  dataSource: DataSource,
  nowMs: number,
  work: (tx: Tx) => Promise<T>,
): Promise<Committed<T>> {
  return dataSource.transaction(async ({ queryRunner }) => {
    const pending: p2p_events.BanEvent[] = [];
    const tx: Tx = {
      // useStructuredResult: TypeORM otherwise returns [rows, count] for DELETE/UPDATE.
      query: async <T>(sql: string, params?: unknown[]) =>
        (await queryRunner!.query(sql, params, true)).records as T,
      emit: (event) => pending.push(event),
    };
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BAN_STATE_LOCK]);
    const result = await work(tx);
    return { result, events: await stage(tx, pending, nowMs) };
  });
}
