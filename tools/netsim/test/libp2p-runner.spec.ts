import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gossipTopics, loadSettings } from '@teranode-p2p/config';
import { sealPayload } from '@teranode-p2p/gossip';
import {
  dialAndSubscribe,
  freePort,
  startGossipPeer,
  waitFor,
  workspaceRoot as root,
  type GossipPeer,
} from '@teranode-p2p/testing';
import { newNodeKey } from '../src/node-keys.js';
import { messageId } from '../src/peer-lines.js';

const runnerPath = join(root, 'tools/netsim/dist/libp2p-runner.js');
const blockTopic = gossipTopics(loadSettings({ env: { network: 'regtest' } })).block;
const HASH = '00'.repeat(31) + 'ab';

let runner: ChildProcess | undefined;
let peer: GossipPeer | undefined;
afterEach(async () => {
  await peer?.stop();
  runner?.kill('SIGKILL');
});

/** Starts the bare js-libp2p runner as netsim does; collects every line it prints. */
async function startRunner() {
  const key = await newNodeKey();
  const port = await freePort();
  const child = spawn(process.execPath, [runnerPath], {
    cwd: root,
    env: {
      ...process.env,
      network: 'regtest',
      log_level: 'warn',
      clientName: 'libp2p-test',
      p2p_private_key: key.hex,
      p2p_port: String(port),
      p2p_listen_addresses: '127.0.0.1',
      p2p_dht_mode: 'off',
      p2p_min_peers: '0',
    },
  });
  runner = child;
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => lines.push(JSON.parse(text)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await waitFor('the runner to be ready', () => {
    if (child.exitCode !== null) throw new Error(`it exited ${child.exitCode}: ${stderr}`);
    return lines.some((l) => l['event'] === 'ready');
  });
  return { child, lines, exited, address: `/ip4/127.0.0.1/tcp/${port}/p2p/${key.peerId}` };
}

// Everything in a netsim run is netsim's own, but a runner is a gossip node on a network: a
// payload that is not a JSON object, or a command line that is not one, is an error line and
// the node goes on delivering.
describe('bare js-libp2p runner (netsim --population libp2p)', () => {
  it('answers garbage payloads and commands with error lines and keeps delivering', async () => {
    const { child, lines, exited, address } = await startRunner();
    peer = await startGossipPeer();
    await peer.start();
    await dialAndSubscribe(peer, address, [blockTopic]);
    const envelope = { envelope: true, name: 'garbage-peer' };
    for (const text of ['not json {', 'null', '[1,2,3]', '42'])
      await peer.services.pubsub.publish(
        blockTopic,
        sealPayload(new TextEncoder().encode(text), envelope),
      );
    child.stdin!.write('null\n{"cmd":"dance"}\nnot a command\n');
    await peer.services.pubsub.publish(
      blockTopic,
      sealPayload(new TextEncoder().encode(JSON.stringify({ Hash: HASH })), envelope),
    );

    const block = messageId('block', { hash: HASH });
    await waitFor('the valid block to be delivered', () =>
      lines.some((l) => l['type'] === 'delivered' && l['id'] === block),
    );
    const errors = lines.filter((l) => l['event'] === 'error');
    const from = `block from ${peer.peerId.toString()}`;
    expect(errors.filter((e) => e['context'] === from).map((e) => e['error'])).toEqual([
      expect.stringMatching(/^not JSON: /),
      'not a JSON object but null',
      'not a JSON object but an array',
      'not a JSON object but 42',
    ]);
    const commandErrors = () => lines.filter((l) => l['context'] === 'command');
    await waitFor('three command errors', () => commandErrors().length === 3);
    expect(commandErrors().map((e) => e['error'])).toEqual([
      'not a JSON object but null',
      'unknown command dance',
      expect.stringMatching(/^not JSON: /),
    ]);
    expect(lines.filter((l) => l['type'] === 'delivered')).toHaveLength(1);
    expect(child.exitCode).toBeNull();

    child.stdin!.write('{"cmd":"quit"}\n');
    expect(await exited).toBe(0);
  }, 60_000);
});
