import { parseDuration, quoteInput } from '@teranode-p2p/config';
import { banEntryView } from '@teranode-p2p/contracts';
import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';
import { formatRemaining, formatTime, renderTable } from '../output/table.js';

const INT64_MAX = 2n ** 63n - 1n;

/** --until accepts Unix seconds, sent exactly as given (ban-service judges them), or an ISO-8601 time. */
function parseUntil(text: string): string {
  if (/^-?\d+$/.test(text)) {
    const seconds = BigInt(text);
    if (seconds >= -INT64_MAX - 1n && seconds <= INT64_MAX) return seconds.toString();
  } else {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return String(Math.floor(ms / 1000));
  }
  throw new CommandError(
    `--until ${quoteInput(text)} is neither Unix seconds (a 64-bit integer) nor a time such as 2030-01-31T12:00:00Z`,
    EXIT.usage,
  );
}

export async function ban(
  ctx: CommandContext,
  target: string,
  options: { for?: string; until?: string; reason?: string },
): Promise<void> {
  let durationSeconds = '0';
  if (options.for !== undefined) {
    const ms = parseDuration(options.for);
    if (ms === undefined || ms < 1000) {
      throw new CommandError(
        `--for "${options.for}" is not a duration of at least 1s, such as 30m, 24h or 168h`,
        EXIT.usage,
      );
    }
    durationSeconds = String(Math.floor(ms / 1000));
  }
  const until = options.until === undefined ? '0' : parseUntil(options.until);
  // 0 on the wire means "no end given" (the default duration), not the epoch.
  if (options.until !== undefined && until === '0')
    throw new CommandError(
      `--until ${quoteInput(options.until)} (1970-01-01T00:00:00Z) is not in the future`,
      EXIT.usage,
    );
  const entry = await ctx.callBanService((c) => c.ban.bind(c), {
    target,
    duration_seconds: durationSeconds,
    until,
    reason: options.reason ?? '',
  });
  const view = banEntryView(entry);
  ctx.print(`banned ${entry.value} until ${view.until}`, view);
}

export async function unban(ctx: CommandContext, target: string): Promise<void> {
  const response = await ctx.callBanService((c) => c.unban.bind(c), { target });
  if (!response.removed)
    throw new CommandError(`no ban on exactly ${target} (p2pctl bans lists them)`, EXIT.notFound);
  ctx.print(`unbanned ${target}`, response);
}

export async function listBans(ctx: CommandContext): Promise<void> {
  const response = await ctx.callBanService((c) => c.list.bind(c), { kind: 0 });
  const now = Date.now() / 1000;
  const views = response.entries.map(banEntryView);
  const rows = views.map((v) => [
    v.target,
    v.kind,
    v.created,
    v.until,
    formatRemaining(v.expiresAt - now),
    v.source,
    v.reason,
  ]);
  ctx.print(
    rows.length === 0
      ? 'no active bans'
      : renderTable(['TARGET', 'KIND', 'CREATED', 'UNTIL', 'REMAINING', 'SOURCE', 'REASON'], rows),
    views,
  );
}

export async function clearBans(ctx: CommandContext): Promise<void> {
  const response = await ctx.callBanService((c) => c.clear.bind(c), {});
  ctx.print(`removed ${response.removed} bans`, response);
}

export async function score(ctx: CommandContext, peerId: string, add?: string): Promise<void> {
  const result = add
    ? await ctx.callBanService((c) => c.addScore.bind(c), { peer_id: peerId, reason: add })
    : await ctx.callBanService((c) => c.getScore.bind(c), { peer_id: peerId });
  const lines = [
    `peer ${result.peer_id}: score ${result.score}${result.banned ? `, banned until ${formatTime(Number(result.banned_until))}` : ''}`,
    ...result.recent_reasons.map((r) => `  ${formatTime(Number(r.at))}  +${r.points}  ${r.reason}`),
  ];
  ctx.print(lines.join('\n'), result);
}
