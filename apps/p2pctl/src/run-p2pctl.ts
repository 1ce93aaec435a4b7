import { CommandContext, type Output } from './cli/context.js';
import { CommandError, EXIT, type ExitCode } from './cli/exit-codes.js';
import { parseCommand } from './cli/parse-command.js';
import { USAGE } from './cli/usage.js';
import { ban, clearBans, listBans, score, unban } from './commands/ban-commands.js';
import { health } from './commands/health-command.js';
import { connect, disconnect, peers } from './commands/peer-commands.js';
import { peer, registry, resetReputation, syncPeer } from './commands/registry-commands.js';
import { watch } from './commands/watch-command.js';

/** Runs one p2pctl command line; returns the exit code instead of exiting (testable in-process). */
export async function runP2pctl(
  argv: string[],
  env: Record<string, string | undefined>,
  output: Output,
  stop?: AbortSignal,
): Promise<ExitCode> {
  let ctx: CommandContext | undefined;
  try {
    const { command, options } = parseCommand(argv);
    if (command.name === 'help') {
      output.out(USAGE);
      return EXIT.ok;
    }
    ctx = new CommandContext(options, env, output);
    switch (command.name) {
      case 'peers':
        await peers(ctx);
        break;
      case 'connect':
        await connect(ctx, command.multiaddr);
        break;
      case 'disconnect':
        await disconnect(ctx, command.peerId);
        break;
      case 'ban':
        await ban(ctx, command.target, command);
        break;
      case 'unban':
        await unban(ctx, command.target);
        break;
      case 'bans':
        await listBans(ctx);
        break;
      case 'clear-bans':
        await clearBans(ctx);
        break;
      case 'score':
        await score(ctx, command.peerId, command.add);
        break;
      case 'health':
        await health(ctx);
        break;
      case 'watch':
        await watch(ctx, command.types, stop);
        break;
      case 'registry':
        await registry(ctx);
        break;
      case 'peer':
        await peer(ctx, command.peerId);
        break;
      case 'reputation':
        await resetReputation(ctx, command.peerId);
        break;
      case 'sync-peer':
        await syncPeer(ctx, command.why);
        break;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommandError) {
      output.err(`p2pctl: ${error.message}`);
      return error.exitCode;
    }
    output.err(`p2pctl: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return EXIT.failed;
  } finally {
    ctx?.close();
  }
}
