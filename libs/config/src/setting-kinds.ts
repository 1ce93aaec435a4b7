import {
  type AddressEntry,
  type AddressRole,
  formatAddressEntry,
  parseAddressEntry,
} from './address-entry.js';
import { formatDuration, parseDuration } from './duration.js';
import { formatHostPort, type HostPort, parseHostPort } from './host-port.js';
import { hostType, parsePort } from './hosts.js';
import { type MultiaddrRules, parseDnsaddr, parseMultiaddr } from './multiaddr.js';
import { isPeerId } from './peer-id.js';
import { InvalidSettingValue } from './settings-error.js';

/**
 * A setting kind turns the text of a setting (from the environment or the settings file) into a
 * typed value, or says what it expected instead. Parsers receive trimmed, non-empty text: an
 * empty value means "unset" and never reaches them.
 */
export interface SettingKind<T> {
  /** Short type name for the settings table: `port`, `duration`, `list of multiaddr`… */
  readonly type: string;
  /** Completes the sentence "invalid setting key=value: expected …". */
  readonly expected: string;
  /** Returns the value or throws InvalidSettingValue. */
  parse(text: string): T;
  /** The canonical text of a value; `parse(format(v))` gives `v` back. */
  format(value: T): string;
}

function kindFromParser<T>(
  type: string,
  expected: string,
  parse: (text: string) => T | undefined,
  format: (value: T) => string,
): SettingKind<T> {
  return {
    type,
    expected,
    parse(text) {
      const value = parse(text);
      if (value === undefined) throw new InvalidSettingValue(expected);
      return value;
    },
    format,
  };
}

// ---------------------------------------------------------------- text

export interface StringKindOptions {
  readonly type?: string;
  readonly pattern?: RegExp;
  readonly maxLength?: number;
  /** Required with `pattern` or `maxLength`: what a valid value looks like. */
  readonly expected?: string;
}

/** Free text, optionally restricted by a pattern and a maximum length. */
export function stringKind(options: StringKindOptions = {}): SettingKind<string> {
  const { type = 'string', pattern, maxLength, expected = 'text' } = options;
  return kindFromParser(
    type,
    expected,
    (text) =>
      (pattern === undefined || pattern.test(text)) &&
      (maxLength === undefined || text.length <= maxLength)
        ? text
        : undefined,
    (value) => value,
  );
}

/** A name used in topic names, consumer groups and keys: letters, digits, `.`, `_`, `-`. */
export function nameKind(maxLength = 249): SettingKind<string> {
  return stringKind({
    type: 'name',
    pattern: /^[A-Za-z0-9._-]+$/,
    maxLength,
    expected: `a name of at most ${maxLength} letters, digits, '.', '_' or '-'`,
  });
}

// ---------------------------------------------------------------- numbers

export interface IntRange {
  readonly min?: number;
  readonly max?: number;
}

/** A whole decimal number within a range (`007` is 7; `1e3`, `0x10`, `1.0` are rejected). */
export function intKind(range: IntRange = {}): SettingKind<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  const bounds =
    range.max === undefined
      ? range.min === undefined
        ? ''
        : ` of at least ${min}`
      : ` from ${min} to ${max}`;
  return kindFromParser(
    range.min === undefined && range.max === undefined ? 'int' : `int${bounds}`,
    `a whole number${bounds}`,
    (text) => {
      if (!/^-?\d+$/.test(text)) return undefined;
      const value = Number(text);
      return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
    },
    (value) => String(value),
  );
}

/**
 * A decimal number such as `50` or `12.5` from `min` to `max` (`1e3`, `.5` are rejected);
 * `examples` replaces the "such as" of the error text.
 */
export function decimalKind(range: {
  readonly min: number;
  readonly max: number;
  readonly examples?: string;
}): SettingKind<number> {
  const bounds = `from ${range.min} to ${range.max}`;
  return kindFromParser(
    `number ${bounds}`,
    `a decimal number ${bounds}, such as ${range.examples ?? `${range.max / 2} or ${range.max / 2}.5`}`,
    (text) => {
      if (!/^-?\d+(?:\.\d+)?$/.test(text)) return undefined;
      const value = Number(text);
      return value >= range.min && value <= range.max ? value : undefined;
    },
    (value) => String(value),
  );
}

export function nonNegativeIntKind(max?: number): SettingKind<number> {
  return intKind({ min: 0, ...(max === undefined ? {} : { max }) });
}

export function positiveIntKind(max?: number): SettingKind<number> {
  return intKind({ min: 1, ...(max === undefined ? {} : { max }) });
}

/** A TCP port, 1–65535; 0 (the OS picks one) only with `allowZero`. */
export function portKind(options: { allowZero?: boolean } = {}): SettingKind<number> {
  const min = options.allowZero === true ? 0 : 1;
  return kindFromParser(
    'port',
    `a TCP port from ${min} to 65535`,
    (text) => parsePort(text, options.allowZero),
    (value) => String(value),
  );
}

// ---------------------------------------------------------------- bool, enum

const BOOL_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};

/** true/false, 1/0, yes/no, in any letter case. */
export function boolKind(): SettingKind<boolean> {
  return kindFromParser(
    'bool',
    'true or false (or 1/0, yes/no)',
    (text) => BOOL_WORDS[text.toLowerCase()],
    (value) => String(value),
  );
}

/** One of a fixed set of words; `ignoreCase` accepts `INFO` for `info` (the value is canonical). */
export function enumKind<const V extends readonly [string, ...string[]]>(
  values: V,
  options: { ignoreCase?: boolean } = {},
): SettingKind<V[number]> {
  return kindFromParser(
    `one of ${values.join(', ')}`,
    `one of ${values.join(', ')}`,
    (text) =>
      options.ignoreCase === true
        ? values.find((value) => value.toLowerCase() === text.toLowerCase())
        : values.find((value) => value === text),
    (value) => value,
  );
}

// ---------------------------------------------------------------- durations

export interface DurationRange {
  /** Admit `0` (default: a duration must be positive). */
  readonly allowZero?: boolean;
  /** Lower bound in milliseconds (default: 0 with allowZero, else 1). */
  readonly minMs?: number;
  /** Upper bound in milliseconds (timers cannot wait longer than 2^31−1 ms). */
  readonly maxMs?: number;
}

/** Largest delay `setTimeout`/`setInterval` honour; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A Go-style duration (`250ms`, `30s`, `1m30s`, `24h`) as whole milliseconds. */
export function durationKind(range: DurationRange = {}): SettingKind<number> {
  const minMs = range.minMs ?? (range.allowZero === true ? 0 : 1);
  const maxMs = range.maxMs ?? Number.MAX_SAFE_INTEGER;
  const limits = [
    range.minMs !== undefined
      ? `at least ${formatDuration(range.minMs)}`
      : range.allowZero === true
        ? ''
        : 'greater than 0',
    range.maxMs === undefined ? '' : `at most ${formatDuration(range.maxMs)}`,
  ].filter((text) => text !== '');
  return kindFromParser(
    'duration',
    `a duration such as 250ms, 30s, 1m30s or 24h${limits.length > 0 ? `, ${limits.join(' and ')}` : ''}`,
    (text) => {
      const ms = parseDuration(text);
      return ms !== undefined && ms >= minMs && ms <= maxMs ? ms : undefined;
    },
    formatDuration,
  );
}

// ---------------------------------------------------------------- lists

/**
 * Entries separated by `|` (Teranode's separator) or `,`; entries are trimmed and empty ones
 * dropped. The error names the first bad entry.
 */
export function listKind<T>(element: SettingKind<T>): SettingKind<readonly T[]> {
  const expected = `entries separated by | or , each ${element.expected}`;
  return {
    type: `list of ${element.type}`,
    expected,
    parse(text) {
      const entries = text
        .split(/[|,]/)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      return Object.freeze(
        entries.map((entry, index) => {
          try {
            return element.parse(entry);
          } catch (error) {
            if (!(error instanceof InvalidSettingValue)) throw error;
            throw new InvalidSettingValue(
              `${expected}; entry ${index + 1} ${JSON.stringify(entry)} is not`,
            );
          }
        }),
      );
    },
    format: (values) => values.map((value) => element.format(value)).join('|'),
  };
}

// ---------------------------------------------------------------- keys

export interface HexKeyOptions {
  /** Accepted decoded lengths in bytes, e.g. [64, 96]. */
  readonly bytes: readonly [number, ...number[]];
  /** Extra check on the decoded bytes. */
  readonly check?: (bytes: Buffer) => boolean;
  /** Added to the expected text when `check` exists. */
  readonly checkText?: string;
}

function orList(items: readonly (string | number)[]): string {
  return items.length === 1
    ? String(items[0])
    : `${items.slice(0, -1).join(', ')} or ${String(items[items.length - 1])}`;
}

/** Raw key bytes written as hex (either letter case; the value is lower-case). */
export function hexKeyKind(options: HexKeyOptions): SettingKind<string> {
  const expected =
    `${orList(options.bytes)} bytes as hex (${orList(options.bytes.map((n) => n * 2))} hex digits)` +
    (options.checkText === undefined ? '' : `; ${options.checkText}`);
  return kindFromParser(
    `hex key (${orList(options.bytes)} bytes)`,
    expected,
    (text) => {
      if (!/^[0-9a-fA-F]*$/.test(text) || !options.bytes.includes(text.length / 2))
        return undefined;
      if (options.check !== undefined && !options.check(Buffer.from(text, 'hex'))) return undefined;
      return text.toLowerCase();
    },
    (value) => value,
  );
}

/**
 * Teranode's Ed25519 private key file format (reference-wire.md §2.4): 64 bytes (seed ‖ public
 * key) or 96 bytes (seed ‖ public key ‖ public key, both copies equal).
 */
export function ed25519PrivateKeyKind(): SettingKind<string> {
  return hexKeyKind({
    bytes: [64, 96],
    check: (bytes) => bytes.length === 64 || bytes.subarray(32, 64).equals(bytes.subarray(64, 96)),
    checkText: 'a 96-byte key must repeat its public key (bytes 33-64 equal to bytes 65-96)',
  });
}

/** A libp2p peer ID in base58 (`12D3KooW…`, `Qm…`, `16Uiu2…`); the value is the text as given. */
export function peerIdKind(): SettingKind<string> {
  return kindFromParser(
    'peer ID',
    'a libp2p peer ID such as 12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
    (text) => (isPeerId(text) ? text : undefined),
    (value) => value,
  );
}

// ---------------------------------------------------------------- addresses

const MULTIADDR_SHAPE = '/ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>';

/** A multiaddr of the shapes in multiaddr.ts; the value is the text as given. */
export function multiaddrKind(rules: MultiaddrRules): SettingKind<string> {
  const peer = {
    required: '/p2p/<peer ID>',
    optional: ' with an optional /p2p/<peer ID>',
    forbidden: '',
  }[rules.peerId];
  const expected = `a multiaddr ${MULTIADDR_SHAPE}${peer}`;
  return kindFromParser(
    'multiaddr',
    expected,
    (text) => (parseMultiaddr(text, rules) === undefined ? undefined : text),
    (value) => value,
  );
}

/** A bootstrap peer: a multiaddr with its peer ID, or a `/dnsaddr/` name that lists peers. */
export function bootstrapPeerKind(): SettingKind<string> {
  return kindFromParser(
    'bootstrap peer',
    `a multiaddr ${MULTIADDR_SHAPE}/p2p/<peer ID> or /dnsaddr/<domain> with an optional /p2p/<peer ID>`,
    (text) =>
      parseMultiaddr(text, { peerId: 'required' }) !== undefined || parseDnsaddr(text) !== undefined
        ? text
        : undefined,
    (value) => value,
  );
}

const ADDRESS_ENTRY_EXPECTED: Readonly<Record<AddressRole, string>> = {
  listen:
    'an IP address with an optional port (0.0.0.0, 10.0.0.5:9905, [::]:9905) or a multiaddr /ip4|ip6/<ip>/tcp/<port>',
  advertise:
    'a host name or IP with an optional port (node.example.com, 203.0.113.1:9905, [2001:db8::1]:9905) ' +
    `or a multiaddr ${MULTIADDR_SHAPE}, not the any-address 0.0.0.0 or ::`,
};

/** One listen or advertise address entry (see address-entry.ts). */
export function addressEntryKind(role: AddressRole): SettingKind<AddressEntry> {
  return kindFromParser(
    `${role} address`,
    ADDRESS_ENTRY_EXPECTED[role],
    (text) => parseAddressEntry(text, role),
    formatAddressEntry,
  );
}

/** `host:port`; listen addresses may leave the host out (`:9904` = all interfaces). */
export function hostPortKind(options: { listen: boolean }): SettingKind<HostPort> {
  const expected = options.listen
    ? 'a listen address host:port or :port, such as :9904, 0.0.0.0:9904 or [::1]:9904'
    : 'an address host:port, such as localhost:9904, 10.0.0.5:9904 or [::1]:9904';
  return kindFromParser(
    options.listen ? 'listen host:port' : 'host:port',
    expected,
    (text) =>
      parseHostPort(text, { allowEmptyHost: options.listen, allowResolverScheme: !options.listen }),
    formatHostPort,
  );
}

/**
 * A DNS server as Node's resolver takes it: an IP address with an optional port (`10.0.0.2`,
 * `127.0.0.1:5353`, `::1`, `[::1]:53`); a name would itself need a DNS server.
 */
export function dnsServerKind(): SettingKind<string> {
  return kindFromParser(
    'DNS server',
    'a DNS server IP address with an optional port, such as 10.0.0.2, 127.0.0.1:5353 or [::1]:53',
    (text) => {
      const kind = hostType(text);
      if (kind === 'ip4' || kind === 'ip6') return text;
      const address = parseHostPort(text, { allowEmptyHost: false });
      return address === undefined || hostType(address.host) === 'dns'
        ? undefined
        : formatHostPort(address);
    },
    (value) => value,
  );
}

/** A Kafka broker `host:port`; the value is the text kafkajs expects. */
export function brokerKind(): SettingKind<string> {
  return kindFromParser(
    'broker',
    'a Kafka broker host:port, such as localhost:9092',
    (text) => {
      const address = parseHostPort(text, { allowEmptyHost: false });
      return address === undefined ? undefined : formatHostPort(address);
    },
    (value) => value,
  );
}

/** An absolute URL with one of the given schemes and a host; the value is the text as given. */
export function urlKind(schemes: readonly [string, ...string[]]): SettingKind<string> {
  const protocols = schemes.map((scheme) => `${scheme}:`);
  return kindFromParser(
    'url',
    `an ${orList(schemes)} URL such as ${schemes[0]}://localhost:8090/api/v1`,
    (text) => {
      const url = URL.parse(text);
      if (url === null || !protocols.includes(url.protocol) || url.hostname === '')
        return undefined;
      return url.hostname.startsWith('[') || hostType(url.hostname) !== undefined
        ? text
        : undefined;
    },
    (value) => value,
  );
}

/**
 * A `postgres://` or `postgresql://` connection URL with a host (or a `host=` socket
 * directory) and a database name.
 */
export function postgresUrlKind(): SettingKind<string> {
  return kindFromParser(
    'postgres url',
    'a postgres:// or postgresql:// URL such as postgres://user:password@localhost:5432/p2p',
    (text) => {
      const url = URL.parse(text);
      if (url === null || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
        return undefined;
      }
      const hasHost = url.hostname !== '' || url.searchParams.get('host') !== null;
      const hasDatabase = /^\/[^/]+$/.test(url.pathname);
      return hasHost && hasDatabase ? text : undefined;
    },
    (value) => value,
  );
}
