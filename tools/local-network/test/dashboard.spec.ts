import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnNode, workspaceRoot, type SpawnedApp } from '@teranode-p2p/testing';
import { chromium, type Browser, type Page } from 'playwright-core';

const run = promisify(execFile);
const BASE_PORT = 24000;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const screenshots = join(workspaceRoot, 'tools/local-network/.test-results');

// The dashboard in a real browser (Debian's Chromium) against the local network `npm start` runs.
describe('dashboard in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  let network: SpawnedApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
      );
    network = await spawnNode(join(workspaceRoot, 'tools/local-network/dist/main.js'), {
      env: {
        LOCAL_DATA_DIR: dataDir,
        LOCAL_BASE_PORT: String(BASE_PORT),
        LOCAL_BLOCK_INTERVAL: '1s',
      },
      readyWhen: /Ctrl-C stops the network/,
      readyTimeoutMs: 90_000,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${BASE_PORT + 5}/`);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await network?.stop('SIGINT', 20_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows blocks as they propagate and the nodes that announce them', async () => {
    await page.locator('#connection.up').waitFor({ timeout: 15_000 });
    await page.locator('#feed tbody tr', { hasText: 'block' }).first().waitFor({ timeout: 60_000 });
    const row = await page.locator('#feed tbody tr', { hasText: 'block' }).first().innerText();
    expect(row).toMatch(/block\s+\d+\s+[0-9a-f]{64}/);
    await page.locator('#nodes tbody tr').nth(2).waitFor({ timeout: 30_000 }); // all three nodes
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("shows node1's peer registry: node2 and node3 from their gossip, not node1 itself", async () => {
    // The three nodes share ban-service's registry; each one's own record, which the others
    // write, is not its peer.
    const node2 = page.locator('#registry tbody tr', { hasText: 'node2' });
    await node2.waitFor({ timeout: 30_000 });
    await page.locator('#registry tbody tr', { hasText: 'node3' }).waitFor({ timeout: 30_000 });
    expect(await node2.locator('td.band').innerText()).toBe('50.00 ok');
    expect(await page.locator('#registry tbody tr', { hasText: 'node1' }).count()).toBe(0);
    expect(await page.locator('#sync-peer').innerText()).toMatch(/^(no sync peer|sync peer )/);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows a ban made with p2pctl', async () => {
    const adminKey = /admin key +([0-9a-f]{32})/.exec(network.output())![1]!;
    await run(process.execPath, [
      join(workspaceRoot, 'apps/p2pctl/bin/p2pctl.mjs'),
      'ban',
      '192.0.2.0/24',
      '--for',
      '2h',
      '--reason',
      'dashboard test',
      '--ban-service',
      `127.0.0.1:${BASE_PORT + 2}`,
      '--api-key',
      adminKey,
    ]);
    await page.locator('#bans tbody tr', { hasText: '192.0.2.0/24' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#bans tbody tr', { hasText: '192.0.2.0/24' }).innerText()).toContain(
      'dashboard test',
    );
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });
  }, 60_000);
});
