import { describe, expect, it } from '@jest/globals';
import {
  boolKind,
  bootstrapPeerKind,
  brokerKind,
  decimalKind,
  dnsServerKind,
  durationKind,
  ed25519PrivateKeyKind,
  enumKind,
  hexKeyKind,
  intKind,
  listKind,
  MAX_TIMER_MS,
  multiaddrKind,
  nameKind,
  peerIdKind,
  portKind,
  postgresUrlKind,
  type SettingKind,
  urlKind,
} from './setting-kinds.js';
import { InvalidSettingValue } from './settings-error.js';

/** The `expected` text a kind throws for `text`, or 'accepted'. */
function rejection<T>(kind: SettingKind<T>, text: string): string {
  try {
    kind.parse(text);
    return 'accepted';
  } catch (error) {
    if (error instanceof InvalidSettingValue) return error.expected;
    throw error;
  }
}

const KEY_64 =
  'c8a1b91ae120878d91a04c904e0d565aa44b2575c1bb30a729bd3e36e2a1d5e6067216fa92b1a1a7e30d0aaabe288e25f1efc0830f309152638b61d84be6b71d';
const PUBLIC_HALF = KEY_64.slice(64);

describe('intKind', () => {
  const kind = intKind({ min: 1 });

  it.each([
    ['1', 1],
    ['100', 100],
    ['007', 7],
  ])('parses %s', (text, value) => {
    expect(kind.parse(text)).toBe(value);
  });

  it.each(['0', '-5', '1.5', '1e3', '0x10', '1_000', '+5', 'ten', '9007199254740993'])(
    'rejects %j',
    (text) => {
      expect(rejection(kind, text)).toBe('a whole number of at least 1');
    },
  );

  it('states both bounds when there is a maximum', () => {
    expect(rejection(intKind({ min: 0, max: 1 }), '2')).toBe('a whole number from 0 to 1');
    expect(intKind({ min: 0, max: 1 }).parse('1')).toBe(1);
  });
});

describe('decimalKind', () => {
  const kind = decimalKind({ min: 0, max: 100 });

  it.each([
    ['50', 50],
    ['50.0', 50],
    ['12.5', 12.5],
    ['0', 0],
    ['100', 100],
  ])('accepts %j', (text, value) => {
    expect(kind.parse(text)).toBe(value);
  });

  it.each(['-1', '100.5', '.5', '1e1', '5.', 'fifty'])('rejects %j', (text) => {
    expect(rejection(kind, text)).toBe('a decimal number from 0 to 100, such as 50 or 50.5');
  });
});

describe('portKind', () => {
  it('accepts 1 and 65535, rejects 0 and 65536', () => {
    const kind = portKind();
    expect(kind.parse('1')).toBe(1);
    expect(kind.parse('65535')).toBe(65535);
    expect(rejection(kind, '0')).toBe('a TCP port from 1 to 65535');
    expect(rejection(kind, '65536')).toBe('a TCP port from 1 to 65535');
    expect(rejection(kind, '99999')).toBe('a TCP port from 1 to 65535');
    expect(rejection(kind, '-1')).toBe('a TCP port from 1 to 65535');
  });

  it('accepts 0 where explicitly allowed', () => {
    expect(portKind({ allowZero: true }).parse('0')).toBe(0);
    expect(rejection(portKind({ allowZero: true }), 'x')).toBe('a TCP port from 0 to 65535');
  });
});

describe('boolKind', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['Yes', true],
    ['1', true],
    ['false', false],
    ['No', false],
    ['0', false],
  ])('%s is %s', (text, value) => {
    expect(boolKind().parse(text)).toBe(value);
  });

  it.each(['on', 'off', 't', '2', 'enabled'])('rejects %j', (text) => {
    expect(rejection(boolKind(), text)).toBe('true or false (or 1/0, yes/no)');
  });
});

describe('enumKind', () => {
  it('is exact by default', () => {
    const kind = enumKind(['mainnet', 'testnet']);
    expect(kind.parse('testnet')).toBe('testnet');
    expect(rejection(kind, 'Mainnet')).toBe('one of mainnet, testnet');
  });

  it('returns the canonical spelling when letter case is ignored', () => {
    expect(enumKind(['info', 'debug'], { ignoreCase: true }).parse('DEBUG')).toBe('debug');
  });
});

describe('durationKind', () => {
  it('rejects 0 unless allowed, and enforces a maximum', () => {
    expect(rejection(durationKind(), '0')).toBe(
      'a duration such as 250ms, 30s, 1m30s or 24h, greater than 0',
    );
    expect(durationKind({ allowZero: true }).parse('0')).toBe(0);
    const timer = durationKind({ maxMs: MAX_TIMER_MS });
    expect(timer.parse('596h')).toBe(596 * 3_600_000);
    expect(rejection(timer, '597h')).toBe(
      'a duration such as 250ms, 30s, 1m30s or 24h, greater than 0 and at most 596h31m23s647ms',
    );
  });

  it('enforces a minimum', () => {
    const lease = durationKind({ minMs: 3000, maxMs: 3_600_000 });
    expect(lease.parse('3s')).toBe(3000);
    expect(rejection(lease, '2999ms')).toBe(
      'a duration such as 250ms, 30s, 1m30s or 24h, at least 3s and at most 1h',
    );
  });
});

describe('listKind', () => {
  const kind = listKind(portKind());

  it('splits on | and , trims entries and drops empty ones', () => {
    expect(kind.parse('1|2,3')).toEqual([1, 2, 3]);
    expect(kind.parse(' 1 | | 2 ,')).toEqual([1, 2]);
    expect(kind.parse('|')).toEqual([]);
  });

  it('returns a frozen array', () => {
    expect(Object.isFrozen(kind.parse('1|2'))).toBe(true);
  });

  it('formats with | and parses back', () => {
    expect(kind.format([1, 2])).toBe('1|2');
  });

  it('names the first bad entry', () => {
    expect(rejection(kind, '1|x|70000')).toBe(
      'entries separated by | or , each a TCP port from 1 to 65535; entry 2 "x" is not',
    );
  });
});

describe('hexKeyKind', () => {
  const shared = hexKeyKind({ bytes: [32] });

  it('accepts exactly 32 bytes of hex and lower-cases it', () => {
    expect(shared.parse('AB'.repeat(32))).toBe('ab'.repeat(32));
  });

  it.each([
    ['ab'.repeat(31), 'too short'],
    ['ab'.repeat(33), 'too long'],
    ['a'.repeat(63), 'odd length'],
    [`${'ab'.repeat(31)}zz`, 'not hex'],
    [`0x${'ab'.repeat(31)}`, '0x prefix'],
  ])('rejects %j (%s)', (text) => {
    expect(rejection(shared, text)).toBe('32 bytes as hex (64 hex digits)');
  });
});

describe('ed25519PrivateKeyKind', () => {
  const kind = ed25519PrivateKeyKind();
  const expected =
    '64 or 96 bytes as hex (128 or 192 hex digits); a 96-byte key must repeat its public key (bytes 33-64 equal to bytes 65-96)';

  it('accepts the 64-byte and the 96-byte form (reference-wire.md §2.4)', () => {
    expect(kind.parse(KEY_64)).toBe(KEY_64);
    expect(kind.parse(KEY_64 + PUBLIC_HALF)).toBe(KEY_64 + PUBLIC_HALF);
  });

  it('rejects a 96-byte key whose two public copies differ', () => {
    expect(rejection(kind, KEY_64 + 'ff'.repeat(32))).toBe(expected);
  });

  it.each([
    ['invalid-key', 'not hex'],
    ['abcdef1234567890', 'too short'],
    [KEY_64.slice(0, 64), 'a bare 32-byte seed'],
    [KEY_64 + 'ab', '65 bytes'],
  ])('rejects %j (%s)', (text) => {
    expect(rejection(kind, text)).toBe(expected);
  });
});

describe('peerIdKind', () => {
  it.each([
    '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
    'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N',
  ])('accepts %s', (text) => {
    expect(peerIdKind().parse(text)).toBe(text);
  });

  it.each(['12D3KooW', 'not a peer id', '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceX0'])(
    'rejects %j',
    (text) => {
      expect(rejection(peerIdKind(), text)).toBe(
        'a libp2p peer ID such as 12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG',
      );
    },
  );
});

describe('address and URL kinds', () => {
  it('multiaddrKind describes the required shape', () => {
    const kind = multiaddrKind({ peerId: 'required' });
    expect(rejection(kind, '/ip4/1.2.3.4/tcp/1')).toBe(
      'a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>/p2p/<peer ID>',
    );
  });

  it('bootstrapPeerKind takes a multiaddr with its peer ID or a /dnsaddr/ name', () => {
    const kind = bootstrapPeerKind();
    const peer = '12D3KooWAFXWuxgdJoRsaA4J4RRRr8yu6WCrAPf8FaS7UfZg3ceG';
    for (const text of [
      `/ip4/10.0.0.1/tcp/9905/p2p/${peer}`,
      '/dnsaddr/mainnet.bootstrap.teranode.bsvb.tech',
      `/dnsaddr/bootstrap.example.com/p2p/${peer}`,
    ])
      expect(kind.parse(text)).toBe(text);
    expect(rejection(kind, '/ip4/10.0.0.1/tcp/9905')).toBe(
      'a multiaddr /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>/p2p/<peer ID> or /dnsaddr/<domain> with an optional /p2p/<peer ID>',
    );
  });

  it('dnsServerKind takes an IP address with an optional port, not a name', () => {
    const kind = dnsServerKind();
    for (const text of ['10.0.0.2', '127.0.0.1:5353', '::1', '[::1]:53', '[fe80::1]:5353'])
      expect(kind.parse(text)).toBe(text);
    for (const text of [
      'dns.example.com',
      'localhost:53',
      '127.0.0.1:0',
      '127.0.0.1:65536',
      '1.2.3',
      '[::1]',
      ':53',
    ])
      expect(rejection(kind, text)).toBe(
        'a DNS server IP address with an optional port, such as 10.0.0.2, 127.0.0.1:5353 or [::1]:53',
      );
  });

  it('brokerKind checks host:port', () => {
    expect(brokerKind().parse('[::1]:9092')).toBe('[::1]:9092');
    expect(rejection(brokerKind(), 'localhost')).toBe(
      'a Kafka broker host:port, such as localhost:9092',
    );
  });

  it('urlKind checks the scheme and the host', () => {
    const kind = urlKind(['http', 'https']);
    expect(kind.parse('https://node1.example.com/api/v1')).toBe('https://node1.example.com/api/v1');
    expect(kind.parse('http://[::1]:8090/api/v1')).toBe('http://[::1]:8090/api/v1');
    for (const text of ['ftp://host/x', 'localhost:8090', 'http://', 'http://300.1.1.1/']) {
      expect(rejection(kind, text)).toBe(
        'an http or https URL such as http://localhost:8090/api/v1',
      );
    }
  });

  it('postgresUrlKind needs the scheme, a host and a database', () => {
    const kind = postgresUrlKind();
    expect(kind.parse('postgres://p2p:secret@db:5432/p2p')).toBe(
      'postgres://p2p:secret@db:5432/p2p',
    );
    expect(kind.parse('postgresql:///p2p?host=/var/run/postgresql')).toBe(
      'postgresql:///p2p?host=/var/run/postgresql',
    );
    for (const text of ['mysql://u@h/db', 'postgres://db:5432', 'postgres:///p2p', 'db:5432/p2p']) {
      expect(rejection(kind, text)).toBe(
        'a postgres:// or postgresql:// URL such as postgres://user:password@localhost:5432/p2p',
      );
    }
  });

  it('nameKind allows letters, digits, dot, dash, underscore', () => {
    expect(nameKind(64).parse('teranode-1.eu_west')).toBe('teranode-1.eu_west');
    expect(rejection(nameKind(64), 'my node')).toBe(
      "a name of at most 64 letters, digits, '.', '_' or '-'",
    );
    expect(rejection(nameKind(3), 'abcd')).toBe(
      "a name of at most 3 letters, digits, '.', '_' or '-'",
    );
  });
});
