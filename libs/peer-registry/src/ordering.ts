/** Comparators for Array.prototype.sort. */

export const ascending = (a: number, b: number): number => a - b;

/** Code-unit order, as Go compares strings (peer IDs are ASCII); never locale-dependent. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
