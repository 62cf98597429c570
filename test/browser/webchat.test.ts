import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { CHROMIUM_PATH, launchChromium } from '../support/browser.js';

const axeSource = createRequire(import.meta.url)('axe-core').source as string;

if (!CHROMIUM_PATH && process.env.CI === 'true') throw new Error('Chromium is required in CI: .ci/run installs it');

describe.skipIf(!CHROMIUM_PATH)('web chat in headless Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  const external: string[] = [];

  beforeAll(async () => {
    running = await startTestApp({ QUICK_EXIT_URL: 'https://neutral.example/meteo' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'fr-FR' });
    const page = await context.newPage();
    // Nothing may leave the machine: record any request to another origin, and serve the quick-exit page locally.
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(running.url) || url.startsWith(running.url.replace('http', 'ws'))) return route.continue();
      external.push(url);
      if (url.startsWith('https://neutral.example/')) return route.fulfill({ status: 200, contentType: 'text/html', body: '<html lang="en"><title>Météo</title><p>Météo</p></html>' });
      return route.abort();
    });
    await page.goto(running.url);
    return page;
  }

  it('before the chat is opened, the privacy notice is shown and nothing is stored in the browser', async () => {
    const page = await openPage();
    await expect(page.locator('#privacy-notice').isVisible()).resolves.toBe(true);
    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
    expect(stored).toBe(0);
    await page.context().close();
  });

  it('a message typed in Web Chat gets the bot reply in the page, by keyboard only', async () => {
    const page = await openPage();
    await page.keyboard.press('Tab'); // quick exit
    await page.keyboard.press('Tab'); // start
    await page.keyboard.press('Enter');
    await page.getByText('Relais', { exact: false }).locator('xpath=ancestor::*[contains(@class,"webchat__bubble")]').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.waitForSelector('.webchat__bubble', { timeout: 20_000 });
    const input = page.locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
    await input.waitFor({ timeout: 10_000 });
    await input.focus();
    await page.keyboard.type('c koi le service civique');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.webchat__bubble')).some((b) => /Source :/.test(b.textContent ?? '')), null, { timeout: 20_000 });
    const bubbles = await page.locator('.webchat__bubble').allInnerTexts();
    expect(bubbles.some((t) => t.includes('c koi le service civique'))).toBe(true);
    expect(bubbles.some((t) => /assistant automatique/i.test(t))).toBe(true);

    // Accessibility: no serious or critical violation, intro and chat alike.
    await page.evaluate(axeSource); // through DevTools, so the page keeps its strict CSP
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    expect(external.filter((u) => !u.startsWith('https://neutral.example/'))).toEqual([]);
    await page.context().close();
  });

  it('the intro page has no serious or critical accessibility violation', async () => {
    const page = await openPage();
    await page.evaluate(axeSource); // through DevTools, so the page keeps its strict CSP
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('"Quitter vite" leaves the page for a neutral site and clears what the chat stored', async () => {
    const page = await openPage();
    await page.click('#start');
    await page.waitForSelector('.webchat__bubble', { timeout: 20_000 });
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBeGreaterThan(0);
    await page.click('#quick-exit');
    await page.waitForURL('https://neutral.example/**', { timeout: 10_000 });
    expect(page.url()).toContain('neutral.example');
    await page.goto(running.url);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await page.context().close();
  });
});
