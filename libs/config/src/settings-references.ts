import { InvalidSettingValue } from './settings-error.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;
const MAX_DEPTH = 10;

/**
 * Teranode's settings.conf refers to other values as `${NAME}` (`p2p_port = ${P2P_PORT}`):
 * each is replaced by `lookup(NAME)`, itself expanded, up to MAX_DEPTH levels (a cycle or a
 * name nobody defines is an InvalidSettingValue naming it).
 */
export function expandReferences(
  text: string,
  lookup: (name: string) => string | undefined,
  seen: readonly string[] = [],
): string {
  return text.replace(REFERENCE, (_whole, name: string) => {
    if (seen.includes(name) || seen.length >= MAX_DEPTH)
      throw new InvalidSettingValue(
        `references that end: \${${name}} refers back to itself (${[...seen, name].join(' → ')})`,
      );
    const value = lookup(name);
    if (value === undefined)
      throw new InvalidSettingValue(
        `\${${name}} to be defined, as an environment variable or a key of the settings file`,
      );
    return expandReferences(value, lookup, [...seen, name]);
  });
}
