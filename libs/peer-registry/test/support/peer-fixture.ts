import { registerPeer, type PeerRecord } from '../../src/index.js';

export const T0 = 1_700_000_000_000;
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** A freshly registered peer (at `T0` unless `registeredAtMs`) with some fields overridden. */
export function peer(
  id: string,
  fields: Partial<PeerRecord> = {},
  registeredAtMs = T0,
): PeerRecord {
  return { ...registerPeer(undefined, { id }, registeredAtMs), ...fields };
}

/** A peer the sync selection would take: URL, height, storage and reputation set. */
export function syncPeer(
  id: string,
  height: number,
  storage: string,
  reputationScore: number,
  fields: Partial<PeerRecord> = {},
): PeerRecord {
  return peer(id, {
    height,
    storage,
    reputationScore,
    dataHubUrl: `http://${id}.example`,
    ...fields,
  });
}

/** Applies operations in order, each at its own time. */
export function replay(
  start: PeerRecord,
  ...steps: ((record: PeerRecord) => PeerRecord)[]
): PeerRecord {
  return steps.reduce((record, step) => step(record), start);
}
