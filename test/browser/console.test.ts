import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../support/browser.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { openChat, say } from '../support/webchat-page.js';

const axeSource = createRequire(import.meta.url)('axe-core').source as string;
const PASSWORD = 'correct horse battery staple';

if (!CHROMIUM_PATH && process.env.CI === 'true') throw new Error('Chromium is required in CI: .ci/run installs it');

/** Two real pages side by side: a young person in Web Chat on a phone, a référent in the console. */
describe.skipIf(!CHROMIUM_PATH)('a référent takes over a Web Chat conversation (two headless Chromium pages)', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestApp({ HANDOFF_OPENING_HOURS: 'mon-sun 00:00-24:00' });
    await running.app.ready;
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', title: 'référente', role: 'referent', departements: ['93'], password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function openConsole(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'fr-FR' })).newPage();
    await page.goto(`${running.url}/console`);
    await page.fill('#login-email', 'sarah@relais.test');
    await page.fill('#login-password', PASSWORD);
    await page.press('#login-password', 'Enter');
    await page.waitForSelector('#live-status[data-state="on"], #queue', { timeout: 10_000 });
    return page;
  }

  it('request → queue within 1 s → take over → both ways → silent bot → crisis still answered and flagged → hand back → bot again → close', async () => {
    const referent = await openConsole();
    await referent.waitForFunction(() => document.querySelector('#live-status')?.textContent?.includes('direct'), null, { timeout: 10_000 });
    const young = await openChat(browser, running.url);
    await say(young, 'dans le 93', /Seine-Saint-Denis/);

    // The case appears in the console by itself, without a reload (how fast: npm run bench, scripts/bench-console.ts).
    const input = young.locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
    await input.fill("je veux parler à quelqu'un");
    await input.press('Enter');
    const row = referent.locator('.case-row').first();
    await row.waitFor({ timeout: 5000 });
    await expect(row.innerText()).resolves.toMatch(/Demande d'un humain/);
    await expect(row.innerText()).resolves.toMatch(/Seine-Saint-Denis/);

    await row.click();
    await referent.locator('#take').click();
    await young.locator('.webchat__bubble', { hasText: 'référente (Seine-Saint-Denis), a rejoint la conversation' }).waitFor({ timeout: 5000 });
    await input.fill('bonjour ?');
    await input.press('Enter');
    const conversationId = (await running.app.handoff.cases.list({ statuses: ['assigned'] }))[0]!.conversationId;

    // The young person's words reach the console; the bot says nothing.
    await referent.locator('#transcript .msg[data-from="user"]', { hasText: 'bonjour ?' }).waitFor({ timeout: 5000 });
    const afterHello = (await running.app.handoff.transcripts.messages(conversationId)).slice(-1)[0];
    expect(afterHello).toMatchObject({ from: 'user', text: 'bonjour ?' });

    // The référent's words reach the young person.
    await referent.locator('#composer-text').fill('Bonjour, je suis Sarah. Je t’écoute.');
    await referent.locator('#composer-text').press('Enter');
    await young.locator('.webchat__bubble', { hasText: 'Je t’écoute' }).waitFor({ timeout: 5000 });
    await referent.locator('#transcript .msg[data-from="referent"]', { hasText: 'Je t’écoute' }).waitFor({ timeout: 5000 });

    // A crisis message during the take-over still gets the numbers at once, and the case is flagged in the console.
    await say(young, 'jveux plus vivre', /3114/);
    await referent.locator('#case-markers', { hasText: 'Crise signalée' }).waitFor({ timeout: 5000 });

    // Hand back: the young person is told, and the bot answers again.
    await referent.locator('#hand-back').click();
    await young.locator('.webchat__bubble', { hasText: 'a quitté la conversation' }).waitFor({ timeout: 5000 });
    await say(young, 'c koi le service civique', /Source :/);

    await referent.locator('#close-case').click();
    await expect.poll(async () => (await running.app.handoff.cases.list({ statuses: ['closed'] })).length, { timeout: 5000 }).toBe(1);

    // The console has no serious or critical accessibility violation with a case open.
    await referent.evaluate(axeSource);
    const violations = await referent.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await referent.context().close();
    await young.context().close();
  });

  it('on a phone, the console logs in and shows the queue by keyboard only', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })).newPage();
    await page.goto(`${running.url}/console`);
    await page.locator('#login-email').focus();
    await page.keyboard.type('sarah@relais.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#queue-title').waitFor({ timeout: 10_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
