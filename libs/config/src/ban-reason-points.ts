import type { SettingKind } from './setting-kinds.js';
import { InvalidSettingValue } from './settings-error.js';

/** Misbehaviour reasons and their points (reference-service.md §4.2). */
export const DEFAULT_BAN_REASON_POINTS = {
  unknown: 1,
  invalid_subtree: 10,
  protocol_violation: 20,
  spam: 50,
  invalid_block: 10,
  catchup_failure: 30,
} as const;

export type BanReasonName = keyof typeof DEFAULT_BAN_REASON_POINTS;
export type BanReasonPoints = Readonly<Record<BanReasonName, number>>;

const NAMES = Object.keys(DEFAULT_BAN_REASON_POINTS) as BanReasonName[];
const MAX_POINTS = 1_000_000;

/**
 * `spam=80|invalid_block=25`: points for the reasons named, the defaults for the others. Each
 * reason at most once; points are whole numbers from 0 (the reason costs nothing) up.
 */
export function banReasonPointsKind(): SettingKind<BanReasonPoints> {
  const expected = `reason=points entries separated by | or , with reasons among ${NAMES.join(', ')} and points from 0 to ${MAX_POINTS}, such as spam=80|invalid_block=25`;
  return {
    type: 'reason points',
    expected,
    parse(text) {
      const points: Record<string, number> = { ...DEFAULT_BAN_REASON_POINTS };
      const seen = new Set<string>();
      for (const entry of text
        .split(/[|,]/)
        .map((e) => e.trim())
        .filter(Boolean)) {
        const match = /^([a-z_]+)\s*=\s*(\d{1,7})$/.exec(entry);
        const name = match?.[1];
        const value = Number(match?.[2]);
        if (
          !match ||
          !NAMES.includes(name as BanReasonName) ||
          value > MAX_POINTS ||
          seen.has(name!)
        )
          throw new InvalidSettingValue(expected);
        seen.add(name!);
        points[name!] = value;
      }
      return Object.freeze(points) as BanReasonPoints;
    },
    format(value) {
      return NAMES.map((name) => `${name}=${value[name]}`).join('|');
    },
  };
}
