import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRelais } from '../bot/app.js';
import { parseSettings } from '../bot/config/settings.js';
import { createLogger } from '../bot/logging/logger.js';
import { CHROMIUM_PATH, launchChromium } from '../test/support/browser.js';
import { ConsoleClient } from '../test/support/console-client.js';

/**
 * npm run bench (second part) — the référent console: time from a young person's request to the
 * case event in a signed-in console stream, against a plain turn of the same conversations as
 * baseline; and the queue with 1 000 open cases (API and page), against 10 cases.
 */
const CASES = Number(process.env.BENCH_CASES ?? 100);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const PASSWORD = 'bench password, long enough';

const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-bench-console-'));
const settings = parseSettings({
  NODE_ENV: 'test',
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  DIRECTLINE_SECRET: SECRET,
  INDEX_DIR: path.resolve('data/index'),
  HANDOFF_OPENING_HOURS: 'mon-sun 00:00-24:00',
  CONSOLE_LOGIN_RATE_PER_MINUTE: '1000',
});
const app = await createRelais(settings, { logger: createLogger('silent') });
const url = await app.listen();
await app.ready;
await app.accounts.add({ email: 'bench@relais.test', name: 'Bench', role: 'coordinator', departements: [], password: PASSWORD });
const client = await ConsoleClient.login(url, 'bench@relais.test', PASSWORD);
const stream = client.events();
await new Promise((resolve) => setTimeout(resolve, 300));

const baseline: number[] = [];
const visible: number[] = [];
for (let i = 0; i < CASES; i++) {
  const conversation = await startConversation();
  baseline.push(await timed(() => post(conversation, 'dans le 93')));
  const t0 = performance.now();
  const seenBefore = stream.seen.length;
  await post(conversation, "je veux parler à quelqu'un");
  for (;;) {
    if (stream.seen.slice(seenBefore).some((e) => e.event === 'case' && e.data.kind === 'opened')) break;
    if (performance.now() - t0 > 10_000) throw new Error('no case event within 10 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
  visible.push(performance.now() - t0);
}
stream.stop();

console.log(`\nRéférent console (${CASES} requests for a human, one signed-in console stream; ms)`);
console.log('what                                        p50     p95');
console.log(`plain turn "dans le 93" (baseline)         ${q(baseline, 0.5).padEnd(7)} ${q(baseline, 0.95)}`);
console.log(`request → case event in the console         ${q(visible, 0.5).padEnd(7)} ${q(visible, 0.95)}`);

// The queue with many open cases: fill the table as real requests would, then time the API and the page.
const queue: Record<number, { api: number; page?: number }> = {};
for (const size of [10, 1000]) {
  await app.db.query("update cases set status = 'closed' where status <> 'closed'");
  await app.db.query(
    `insert into cases (user_ref, conversation_id, channel_id, reason, category, priority, departement, waiting_since)
     select 'bench', 'bench-' || $1 || '-' || g, 'directline', (array['crisis','human_request','not_found'])[1 + g % 3], case when g % 3 = 0 then 'suicide' end,
            1 + g % 3, (array['93','75','59','13'])[1 + g % 4], now() - make_interval(mins => g % 600)
       from generate_series(1, $2::int) g`,
    [size, size],
  );
  const apiTimes: number[] = [];
  for (let i = 0; i < 5; i++) apiTimes.push(await timed(async () => void (await client.get('/cases'))));
  queue[size] = { api: median(apiTimes) };
}
if (CHROMIUM_PATH) {
  const browser = await launchChromium();
  for (const size of [10, 1000]) {
    await app.db.query("update cases set status = 'closed' where status <> 'closed'");
    await app.db.query("update cases set status = 'open' where conversation_id like $1", [`bench-${size}-%`]);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${url}/console`);
    await page.fill('#login-email', 'bench@relais.test');
    await page.fill('#login-password', PASSWORD);
    const t0 = performance.now();
    await page.press('#login-password', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('#queue .case-row').length >= n, size, { timeout: 60_000 });
    queue[size]!.page = performance.now() - t0;
    await page.context().close();
  }
  await browser.close();
}
console.log('\nQueue of open cases (median of 5 API calls; page: login to every row drawn, headless Chromium; ms)');
console.log('open cases   GET /console/api/cases   page render');
for (const size of [10, 1000]) console.log(`${String(size).padEnd(12)} ${queue[size]!.api.toFixed(1).padEnd(24)} ${queue[size]!.page?.toFixed(0) ?? 'no Chromium'}`);

await app.close();
rmSync(dataDir, { recursive: true, force: true });

async function startConversation(): Promise<{ id: string; token: string }> {
  const res = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
  const body = (await res.json()) as { conversationId: string; token: string };
  return { id: body.conversationId, token: body.token };
}

async function post(conversation: { id: string; token: string }, text: string): Promise<void> {
  const res = await fetch(`${url}/v3/directline/conversations/${conversation.id}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${conversation.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'bench' }, text }),
  });
  await res.arrayBuffer();
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function q(values: number[], quantile: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0).toFixed(1);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
