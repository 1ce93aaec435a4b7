import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningService } from '@teranode-p2p/service-runtime';
import { waitFor, workspaceRoot } from '@teranode-p2p/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  HOSTILE,
  PEERS,
  startFakeGossipNode,
  type FakeGossipNode,
} from './support/fake-gossip-node.js';
import { startDashboard } from './support/start-dashboard.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const KEY = 'registry-view-key';
const screenshots = join(workspaceRoot, 'libs/dashboard/.test-results');
/** The page's global, as far as these tests use it (the workspace compiles without DOM types). */
type PageGlobal = { getComputedStyle(element: unknown): { color: string }; __pwned?: number };

// The registry view of the dashboard in a real browser (Debian's Chromium), served by the real
// Nest HTTP stack with the dashboard module, its gRPC calls answered by a stand-in gossip node
// whose registry holds a peer with hostile client name, DataHub URL and error text.
describe('the peer registry view in a browser', () => {
  let node: FakeGossipNode;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const rowOf = (peerId: string) =>
    page.locator('#registry tbody tr', { has: page.locator(`td[title="${peerId}"]`) });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
      );
    node = await startFakeGossipNode();
    service = await startDashboard({
      log_level: 'error',
      p2p_grpc_address: node.address,
      grpc_admin_api_key: KEY,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${service.httpUrl}/`);
    await page.locator('#registry tbody tr').nth(2).waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await node?.close();
  });

  it('shows every peer in the order of the registry, reputation coloured by band, the sync peer marked', async () => {
    const peerCells = page.locator('#registry tbody tr td:first-child');
    expect(
      await peerCells.evaluateAll((cells) => cells.map((c) => c.getAttribute('title'))),
    ).toEqual([PEERS.fast, PEERS.slow, PEERS.hostile]);
    const fast = rowOf(PEERS.fast);
    expect(await fast.getAttribute('class')).toBe('sync-peer');
    expect(await fast.locator('.badge').innerText()).toBe('sync');
    const bands = await page
      .locator('#registry td.band')
      .evaluateAll((cells) =>
        cells.map((c) => [
          c.className,
          c.textContent,
          (globalThis as unknown as PageGlobal).getComputedStyle(c).color,
        ]),
      );
    expect(bands).toEqual([
      ['band band-ok', '100.00 ok', 'rgb(63, 185, 80)'],
      ['band band-unhealthy', '35.00 unhealthy', 'rgb(210, 153, 34)'],
      ['band band-malicious', '5.00 malicious', 'rgb(248, 81, 73)'],
    ]);
    expect(await rowOf(PEERS.slow).locator('td.band').getAttribute('title')).toBe(
      'low reputation score: 35.00',
    );
    expect(await fast.innerText()).toMatch(
      /teranode-fast\s+100\.00 ok\s+100%\s+3\s+0\s+500\s+full\s+yes\s+no/,
    );
    expect(await page.locator('#sync-peer').innerText()).toMatch(
      new RegExp(
        `^sync peer ${PEERS.fast}; last selection .* \\(monitor, local height 0\\): full$`,
      ),
    );
    expect(await page.locator('#sync-excluded tbody tr').allTextContents()).toEqual([
      expect.stringContaining('full-node-preferred'),
      expect.stringContaining('reputation 5.00 is below 20'),
    ]);
  });

  it('shows what a remote peer chose as text: no markup runs, a javascript: URL is no link', async () => {
    const hostile = rowOf(PEERS.hostile);
    const cells = await hostile.locator('td').allTextContents();
    expect(cells[1]).toBe(HOSTILE.clientName);
    expect(cells[10]).toBe(HOSTILE.url);
    expect(cells[11]).toBe(HOSTILE.error);
    expect(await page.locator('#registry img, #registry script').count()).toBe(0);
    expect(await hostile.locator('a').count()).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobal).__pwned),
    ).toBeUndefined();
    const link = rowOf(PEERS.fast).locator('a');
    expect(await link.getAttribute('href')).toBe('https://fast.example/api/v1');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('resets one peer or every peer with the admin key, and says when the key is missing', async () => {
    await rowOf(PEERS.hostile).locator('button', { hasText: 'reset' }).click();
    await page.locator('#reset-error', { hasText: 'missing API key' }).waitFor({ timeout: 5000 });
    expect(node.resets).toEqual([]);

    await page.locator('#reset-form input[name="apiKey"]').fill(KEY);
    await rowOf(PEERS.hostile).locator('button', { hasText: 'reset' }).click();
    await page.locator('#reset-form button').click();
    await waitFor('both resets at gossip-node', () => node.resets.length === 2);
    expect(node.resets).toEqual([
      { peerId: PEERS.hostile, apiKey: KEY },
      { peerId: '', apiKey: KEY },
    ]);
    await waitFor(
      'the error cleared',
      async () => (await page.locator('#reset-error').innerText()) === '',
    );
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'registry.png'), fullPage: true });
  });
});
