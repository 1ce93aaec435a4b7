import { Resolver } from 'node:dns/promises';
import { multiaddr } from '@multiformats/multiaddr';

/** How deep `/dnsaddr/` names may point at further `/dnsaddr/` names (libp2p allows 32). */
export const MAX_DNSADDR_DEPTH = 4;
/** At most this many peer addresses come out of one bootstrap entry. */
export const MAX_DNSADDR_ADDRESSES = 64;
/** At most this many names are looked up for one entry (each lookup may wait its timeout). */
export const MAX_DNSADDR_NAMES = 16;
const TXT_PREFIX = 'dnsaddr=';

export interface DnsaddrResolution {
  /** Dialable multiaddrs, each with its `/p2p/` peer ID, in the order the records gave them. */
  readonly addresses: string[];
  /** Records and names that gave no address, each with why (logged, never dialled). */
  readonly skipped: string[];
}

/** The TXT records of a name, each record's strings joined (RFC 7208 §3.3's long records). */
export type TxtLookup = (name: string) => Promise<string[]>;

/** TXT lookups through `servers` (IP[:port]), or through the system's servers when empty. */
export function txtLookup(servers: readonly string[], timeoutMs = 5_000): TxtLookup {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return async (name) => (await resolver.resolveTxt(name)).map((strings) => strings.join(''));
}

function component(address: string, name: string): string | undefined {
  return multiaddr(address)
    .getComponents()
    .find((c) => c.name === name)?.value;
}

/**
 * Every peer a bootstrap entry names. A `/dnsaddr/<domain>[/p2p/<id>]` entry lists the
 * `dnsaddr=<multiaddr>` TXT records of `_dnsaddr.<domain>`, following nested `/dnsaddr/` names
 * (bounded in depth, names and addresses); with a peer ID only that peer's addresses are kept, as libp2p
 * does. Any other entry is its own one address. A record that is no multiaddr, or names no peer
 * ID, is skipped with its reason rather than failing the entry; a failed lookup of the entry's
 * own name throws, one of a nested name is skipped.
 */
export async function resolveBootstrapEntry(
  entry: string,
  lookup: TxtLookup,
): Promise<DnsaddrResolution> {
  const domain = component(entry, 'dnsaddr');
  if (domain === undefined) return { addresses: [entry], skipped: [] };
  const wanted = component(entry, 'p2p');
  const addresses = new Set<string>();
  const skipped: string[] = [];
  const visited = new Set<string>();

  async function visit(name: string, depth: number): Promise<void> {
    if (visited.has(name)) return;
    if (visited.size >= MAX_DNSADDR_NAMES) {
      skipped.push(`/dnsaddr/${name}: more than ${MAX_DNSADDR_NAMES} names to look up`);
      return;
    }
    visited.add(name);
    let records: string[];
    try {
      records = await lookup(`_dnsaddr.${name}`);
    } catch (error) {
      if (depth === 0) throw new Error(`no TXT records for _dnsaddr.${name}: ${errorText(error)}`);
      skipped.push(`_dnsaddr.${name}: ${errorText(error)}`);
      return;
    }
    for (const record of records) {
      if (addresses.size >= MAX_DNSADDR_ADDRESSES) {
        skipped.push(`_dnsaddr.${name}: more than ${MAX_DNSADDR_ADDRESSES} addresses`);
        return;
      }
      if (!record.startsWith(TXT_PREFIX)) continue; // other TXT records share the name
      const text = record.slice(TXT_PREFIX.length).trim();
      let nestedName: string | undefined;
      let peerId: string | undefined;
      try {
        nestedName = component(text, 'dnsaddr');
        peerId = component(text, 'p2p');
      } catch (error) {
        skipped.push(`"${record.slice(0, 120)}": ${errorText(error)}`);
        continue;
      }
      if (nestedName !== undefined) {
        if (depth + 1 >= MAX_DNSADDR_DEPTH)
          skipped.push(`${text}: nested deeper than ${MAX_DNSADDR_DEPTH} names`);
        else if (wanted === undefined || peerId === undefined || peerId === wanted)
          await visit(nestedName, depth + 1);
      } else if (peerId === undefined) {
        skipped.push(`${text}: no /p2p/ peer ID`);
      } else if (wanted === undefined || peerId === wanted) {
        addresses.add(text);
      }
    }
  }

  await visit(domain, 0);
  return { addresses: [...addresses], skipped };
}

function errorText(error: unknown): string {
  return (error as Error).message.slice(0, 200);
}
