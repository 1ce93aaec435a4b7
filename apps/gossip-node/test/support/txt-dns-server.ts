import { createSocket } from 'node:dgram';

const TYPE_TXT = 16;
const RCODE_NXDOMAIN = 3;

export interface TxtDnsServer {
  /** `127.0.0.1:<port>`, as p2p_dns_servers takes it. */
  readonly address: string;
  /** The TXT records each name answers with (names without records answer NXDOMAIN). */
  readonly records: Map<string, string[]>;
  /** Names asked, in order. */
  readonly queries: string[];
  close(): Promise<void>;
}

function readName(message: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let offset = start;
  for (let length = message[offset] ?? 0; length > 0; length = message[offset] ?? 0) {
    labels.push(message.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: offset + 1 };
}

function txtAnswer(record: string): Buffer {
  const text = Buffer.from(record, 'utf8');
  const strings: Buffer[] = [];
  for (let i = 0; i < text.length || i === 0; i += 255) {
    const chunk = text.subarray(i, i + 255);
    strings.push(Buffer.from([chunk.length]), chunk);
  }
  const data = Buffer.concat(strings);
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // the question's name
  fixed.writeUInt16BE(TYPE_TXT, 2);
  fixed.writeUInt16BE(1, 4); // IN
  fixed.writeUInt32BE(1, 6); // TTL 1 s
  fixed.writeUInt16BE(data.length, 10);
  return Buffer.concat([fixed, data]);
}

/**
 * A DNS server on 127.0.0.1 (UDP) that answers TXT questions from `records` and anything else
 * with no answers: enough for a node resolving `/dnsaddr/` names through p2p_dns_servers.
 */
export async function startTxtDnsServer(records: Record<string, string[]>): Promise<TxtDnsServer> {
  const socket = createSocket('udp4');
  const table = new Map(Object.entries(records));
  const queries: string[] = [];
  socket.on('message', (message, remote) => {
    if (message.length < 12) return;
    const { name, end } = readName(message, 12);
    const type = message.readUInt16BE(end);
    queries.push(name);
    const answers = type === TYPE_TXT ? (table.get(name) ?? []) : [];
    const header = Buffer.alloc(12);
    message.copy(header, 0, 0, 2); // id
    const recursionDesired = message.readUInt16BE(2) & 0x0100;
    header.writeUInt16BE(0x8080 | recursionDesired | (table.has(name) ? 0 : RCODE_NXDOMAIN), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const question = message.subarray(12, end + 4);
    socket.send(
      Buffer.concat([header, question, ...answers.map(txtAnswer)]),
      remote.port,
      remote.address,
    );
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    records: table,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
