import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createRelais } from '../bot/app.js';
import { parseSettings } from '../bot/config/settings.js';
import { createLogger } from '../bot/logging/logger.js';
import { compressedVariants } from '../bot/web/compressed-file.js';
import { CHROMIUM_PATH, launchChromium } from '../test/support/browser.js';

/**
 * npm run bench (third part) — the young person's page on a phone on "Fast 3G" (Chrome's profile: 562.5 ms
 * of latency, 1.44 Mb/s down, 675 kb/s up): when the page is usable (quick exit, "Urgence", "Commencer"
 * work), when Web Chat is ready, and the bytes received. Baseline in the same run: the page as it was served
 * before (Web Chat's bundle before the page's own script), rebuilt by rewriting the page. Then the bundle's
 * size as sent: plain, gzip (the server's former compression) and Brotli (now).
 */
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 3);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

if (!CHROMIUM_PATH) {
  console.log('\nWeb page on Fast 3G: skipped (no Chromium; `apt-get install -y chromium`)');
  process.exit(0);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-bench-page-'));
const settings = parseSettings({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DIRECTLINE_SECRET: 'bench-secret-0123456789abcdef0123456789', INDEX_DIR: path.resolve('data/index') });
const app = await createRelais(settings, { logger: createLogger('silent') });
const url = await app.listen();
await app.ready;
const browser = await launchChromium();

interface Load {
  usable: number;
  webChat: number;
  bytes: number;
}

async function load(mode: 'now' | 'before'): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
  if (mode === 'before') {
    // The earlier page: Web Chat's bundle first, the page's script after it (both deferred, so in that order).
    await page.route(`${url}/`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const webChatUrl = (JSON.parse(/<script id="relais-config" type="application\/json">(.*?)<\/script>/.exec(html)![1]!) as { webChatUrl: string }).webChatUrl;
      const earlier = html.replace(/<link rel="preload"[^>]*>/, '').replace('<script src="/static/', `<script src="${webChatUrl}" defer></script>\n  <script src="/static/`);
      return route.fulfill({ response, body: earlier });
    });
  }
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('html.js-ready', { timeout: 120_000 });
  const usable = Date.now() - t0;
  await page.waitForFunction(() => typeof (window as unknown as { WebChat?: unknown }).WebChat !== 'undefined', null, { timeout: 120_000, polling: 50 });
  const webChat = Date.now() - t0;
  await page.waitForTimeout(200);
  await context.close();
  return { usable, webChat, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results: Record<string, Load[]> = { before: [], now: [] };
for (let i = 0; i < RUNS; i++) for (const mode of ['before', 'now'] as const) results[mode]!.push(await load(mode));

console.log(`\nWeb page on a phone, Fast 3G (${RUNS} loads each, median; the aim is usable within 3 s)`);
console.log('page                                         usable (s)   Web Chat ready (s)   bytes received');
for (const [mode, label] of [['before', "before: Web Chat's bundle first (baseline)"], ['now', 'now: page first, Web Chat after it']] as const) {
  const runs = results[mode]!;
  console.log(`${label.padEnd(44)} ${(median(runs.map((r) => r.usable)) / 1000).toFixed(1).padEnd(12)} ${(median(runs.map((r) => r.webChat)) / 1000).toFixed(1).padEnd(20)} ${median(runs.map((r) => r.bytes)).toLocaleString('en')}`);
}

const bundle = compressedVariants(readFileSync(createRequire(import.meta.url).resolve('botframework-webchat').replace(/lib[\\/].*$/, 'dist/webchat.js')), 'text/javascript');
const variants = await bundle.variants;
console.log(`Web Chat's bundle as sent: plain ${bundle.identity.length.toLocaleString('en')} B, gzip ${variants.gzip.length.toLocaleString('en')} B (before), Brotli ${variants.br.length.toLocaleString('en')} B (now)`);

await browser.close();
await app.close();
rmSync(dataDir, { recursive: true, force: true });
