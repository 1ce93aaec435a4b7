import { readFileSync } from 'node:fs';

const ESTABLISHED = '01';

function ports(file: string): [number, number][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const pairs: [number, number][] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || fields[3] !== ESTABLISHED) continue;
    const local = parseInt(fields[1]!.split(':').at(-1)!, 16);
    const remote = parseInt(fields[2]!.split(':').at(-1)!, 16);
    pairs.push([local, remote]);
  }
  return pairs;
}

/**
 * Node-to-node TCP connections that do not go through a proxy: both ends on nodes' listen
 * ports. Both implementations dial from their listen port (port reuse), and a proxy's
 * connection to a node leaves from an ephemeral port, so a link through Toxiproxy never has
 * two node ports; a peer found through the DHT and dialled at its own address does. Counted
 * once per connection (each has two sockets on this host).
 */
export function directConnections(nodePorts: ReadonlySet<number>): number {
  const sockets = [...ports('/proc/net/tcp'), ...ports('/proc/net/tcp6')].filter(
    ([local, remote]) => nodePorts.has(local) && nodePorts.has(remote),
  );
  return Math.ceil(sockets.length / 2);
}
