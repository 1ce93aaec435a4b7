import WebSocket from 'ws';
import type { CommandContext } from '../cli/context.js';
import { CommandError, EXIT } from '../cli/exit-codes.js';

/**
 * Prints the gateway's live feed until interrupted; the gateway closing the feed (it stopped,
 * or dropped this client) ends the command with that reason and EXIT.unreachable.
 */
export function watch(
  ctx: CommandContext,
  types?: string,
  stop: AbortSignal = AbortSignal.timeout(2 ** 31 - 1),
): Promise<void> {
  const url = new URL(`${ctx.gatewayUrl.replace(/^http/, 'ws')}/p2p-ws`);
  if (types) url.searchParams.set('types', types);
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    stop.addEventListener('abort', () => socket.close(1000, 'p2pctl stopped'));
    socket.on('message', (data) => {
      const text = data.toString();
      if (ctx.json) return ctx.output.out(text);
      try {
        const m = JSON.parse(text) as Record<string, unknown>;
        const detail = [
          m['hash'],
          m['height'] !== undefined ? `height ${m['height']}` : '',
          m['peer_id'] ?? m['peerID'],
        ]
          .filter(Boolean)
          .join('  ');
        ctx.output.out(`${m['timestamp'] ?? ''}  ${m['type'] ?? '?'}  ${detail}`.trim());
      } catch {
        ctx.output.out(text);
      }
    });
    // The gateway refuses a bad upgrade with an HTTP error and says why in the body.
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body = (body + chunk.toString()).slice(0, 500)));
      response.on('end', () => {
        const why = body.trim() || response.statusMessage || '';
        reject(
          new CommandError(
            `ws-gateway at ${url.origin} refused the feed: HTTP ${response.statusCode} ${why}`.trim(),
            response.statusCode === 400 ? EXIT.usage : EXIT.failed,
          ),
        );
      });
    });
    socket.on('error', (error) =>
      reject(
        new CommandError(
          `ws-gateway at ${url.origin} is unreachable (${error.message})`,
          EXIT.unreachable,
        ),
      ),
    );
    socket.on('close', (code, reason) => {
      if (stop.aborted) return resolve();
      const why = reason.toString();
      reject(
        new CommandError(
          `ws-gateway at ${url.origin} closed the feed (code ${code}${why ? `: ${why}` : ''})`,
          EXIT.unreachable,
        ),
      );
    });
  });
}
