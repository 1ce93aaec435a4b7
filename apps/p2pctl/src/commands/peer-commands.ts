import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';
import { formatTime, renderTable } from '../output/table.js';

export async function peers(ctx: CommandContext): Promise<void> {
  const response = await ctx.callPeerService((c) => c.getPeers.bind(c), {});
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
  const response = await ctx.callPeerService((c) => c.connectPeer.bind(c), {
    peer_address: multiaddr,
  });
  succeeded(ctx, response, `connected to ${multiaddr}`, `could not connect to ${multiaddr}`);
}

export async function disconnect(ctx: CommandContext, peerId: string): Promise<void> {
  const response = await ctx.callPeerService((c) => c.disconnectPeer.bind(c), { peer_id: peerId });
  succeeded(ctx, response, `disconnected ${peerId}`, `could not disconnect ${peerId}`);
}

/** Connect and disconnect answer success or an error. */
function succeeded(
  ctx: CommandContext,
  response: { success: boolean; error: string },
  done: string,
  failed: string,
): void {
  if (!response.success) throw new CommandError(`${failed}: ${response.error}`, EXIT.failed);
  ctx.print(done, response);
}
