/**
 * The last instant a JavaScript Date can hold, 8.64e15 ms after 1970 (ECMA-262 §21.4.1.1).
 * A record's int64 time reaches far beyond it; formatting such a time throws.
 */
export const LAST_DATE_MS = 8.64e15;
