const DEFAULTED = /^\$\{([A-Za-z_]\w*)(?:(:?-)(.*))?\}$/s;

/**
 * Compose variable interpolation as the file uses it, resolved to the defaults (as if no
 * variable were set): `${NAME:-default}`, `${NAME-default}`, `${NAME}` (empty) and `$$`.
 * Anything else (`${NAME:?error}`, `${NAME:+alt}`, `$NAME`) is refused so the checks never guess.
 */
export function interpolateDefaults(text: string): string {
  return text.replace(/\$\$|\$\{[^}]*\}|\$/g, (whole) => {
    if (whole === '$$') return '$';
    const match = DEFAULTED.exec(whole);
    if (match === null)
      throw new Error(`unsupported interpolation ${whole} in ${JSON.stringify(text)}`);
    return match[2] === undefined ? '' : match[3]!;
  });
}
