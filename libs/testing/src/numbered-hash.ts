/** A 64-hex-digit block or subtree hash that is `n` in hex, padded on the left with `pad`. */
export const numberedHash = (n: number, pad = '0'): string => n.toString(16).padStart(64, pad);
