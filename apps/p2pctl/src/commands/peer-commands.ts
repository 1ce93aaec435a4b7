import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';
import { formatTime, renderTable } from '../output/table.js';

export async function peers(ctx: CommandContext): Promise<void> {
  const client = ctx.peerService();
  const response = await ctx.call(
    'gossip-node',
    ctx.gossipNodeAddress,
    client.getPeers.bind(client),
    {},
  );
  const rows = response.peers.map((p) => [
    p.id,
    p.addr,
    p.inbound ? 'in' : 'out',
    formatTime(Number(p.connTime)),
    Number(p.pingTime) > 0 ? `${(Number(p.pingTime) / 1000).toFixed(1)}ms` : '-',
    String(p.currentHeight),
    p.subVer || '-',
    String(p.banscore),
  ]);
  ctx.print(
    rows.length === 0
      ? 'no connected peers'
      : renderTable(
          ['PEER', 'ADDRESS', 'DIR', 'CONNECTED', 'PING', 'HEIGHT', 'VERSION', 'BANSCORE'],
          rows,
        ),
    response.peers,
  );
}

export async function connect(ctx: CommandContext, multiaddr: string): Promise<void> {
  const client = ctx.peerService();
  const response = await ctx.call(
    'gossip-node',
    ctx.gossipNodeAddress,
    client.connectPeer.bind(client),
    {
      peer_address: multiaddr,
    },
  );
  if (!response.success)
    throw new CommandError(`could not connect to ${multiaddr}: ${response.error}`, EXIT.failed);
  ctx.print(`connected to ${multiaddr}`, response);
}

export async function disconnect(ctx: CommandContext, peerId: string): Promise<void> {
  const client = ctx.peerService();
  const response = await ctx.call(
    'gossip-node',
    ctx.gossipNodeAddress,
    client.disconnectPeer.bind(client),
    {
      peer_id: peerId,
    },
  );
  if (!response.success)
    throw new CommandError(`could not disconnect ${peerId}: ${response.error}`, EXIT.failed);
  ctx.print(`disconnected ${peerId}`, response);
}
