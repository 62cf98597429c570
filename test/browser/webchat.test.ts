import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { CHROMIUM_PATH, launchChromium } from '../support/browser.js';
import { say, waitForBot } from '../support/webchat-page.js';

const axeSource = createRequire(import.meta.url)('axe-core').source as string;

if (!CHROMIUM_PATH && process.env.CI === 'true') throw new Error('Chromium is required in CI: .ci/run installs it');

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SENDBOX = '[data-id="webchat-sendbox-input"]';

describe.skipIf(!CHROMIUM_PATH)('web chat in headless Chromium', () => {
  let running: RunningApp;
  let browser: Browser;
  const external: string[] = [];

  beforeAll(async () => {
    running = await startTestApp({ QUICK_EXIT_URL: 'https://neutral.example/meteo' });
    await running.app.ready;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function openPage(options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean; holdWebChat?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: options.viewport ?? PHONE, locale: 'fr-FR', javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    // Nothing may leave the machine: record any request to another origin, and serve the quick-exit page locally.
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (options.holdWebChat && url.endsWith('/webchat.js')) return; // never answered: Web Chat's bundle is "still downloading"
      if (url.startsWith(running.url) || url.startsWith(running.url.replace('http', 'ws'))) return route.continue();
      external.push(url);
      if (url.startsWith('https://neutral.example/')) return route.fulfill({ status: 200, contentType: 'text/html', body: '<html lang="en"><title>Météo</title><p>Météo</p></html>' });
      return route.abort();
    });
    await page.goto(running.url);
    return page;
  }

  async function axeViolations(page: Page): Promise<string[]> {
    await page.evaluate(axeSource); // through DevTools, so the page keeps its strict CSP
    return page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }

  async function startChat(page: Page): Promise<void> {
    await page.click('#start');
    await page.waitForSelector('.webchat__bubble', { timeout: 20_000 });
  }

  it('before the chat is opened: the privacy notice, the footer with who runs the service, nothing stored, no empty chat panel', async () => {
    const page = await openPage();
    await expect(page.locator('#privacy-notice').isVisible()).resolves.toBe(true);
    await expect(page.locator('#privacy-notice').innerText()).resolves.toMatch(/jusqu'à ce que tu les effaces/);
    await expect(page.locator('#chat').isVisible()).resolves.toBe(false);
    await expect(page.locator('footer').innerText()).resolves.toMatch(/Relais est un service de .+Mentions légales.+Accessibilité.+Contact/s);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await page.goto(`${running.url}/a-propos`);
    await expect(page.locator('#mentions-legales').isVisible()).resolves.toBe(true);
    const about = await page.locator('main').innerText();
    expect(about).toMatch(/jusqu'à ce que tu les effaces/);
    expect(about).toMatch(/RGAA\) : non conforme/);
    // No contact is set in this test: the page promises no answer it could not give.
    expect(about).not.toMatch(/dis-le nous/);
    await page.context().close();
  });

  it('"Quitter vite" works with no script at all, and before Web Chat has downloaded', async () => {
    // No JavaScript: the button is a link to the neutral site.
    const noScript = await openPage({ javaScriptEnabled: false });
    await noScript.click('#quick-exit');
    await noScript.waitForURL('https://neutral.example/**', { timeout: 10_000 });
    await noScript.context().close();

    // Web Chat's bundle never arrives (a slow 3G): the page's own script already handles the exit.
    const page = await openPage({ holdWebChat: true });
    await page.waitForSelector('html.js-ready');
    expect(await page.evaluate(() => typeof (window as unknown as { WebChat?: unknown }).WebChat)).toBe('undefined');
    await page.evaluate(() => sessionStorage.setItem('relais.conversation', '{"conversationId":"x"}'));
    await page.click('#quick-exit');
    await page.waitForURL('https://neutral.example/**', { timeout: 10_000 });
    await page.goto(running.url);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });

  it('the "Urgence" link shows the numbers as tel: and sms: links, without the chat and without script', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await expect(page.locator('#urgence').isVisible()).resolves.toBe(false);
    await page.click('a.urgent-link');
    await expect(page.locator('#urgence').isVisible()).resolves.toBe(true);
    const hrefs = await page.locator('#urgence a.call').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['tel:112', 'tel:15', 'tel:3114', 'tel:115', 'tel:119', 'sms:114']));
    await page.context().close();
  });

  it('by keyboard only: "Commencer" puts the focus in the send box, and a typed question gets its answer', async () => {
    const page = await openPage();
    await page.waitForSelector('html.js-ready');
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.id === 'start')); i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.webchat__bubble', { timeout: 20_000 });
    await page.waitForFunction((selector) => document.activeElement?.matches(selector) ?? false, SENDBOX, { timeout: 10_000 });
    await page.keyboard.type('c koi le service civique');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.webchat__bubble')).some((b) => /Source :/.test(b.textContent ?? '')), null, { timeout: 20_000 });
    const bubbles = await page.locator('.webchat__bubble').allInnerTexts();
    expect(bubbles.some((t) => t.includes('c koi le service civique'))).toBe(true);
    // Relais does not read files: no paperclip that would promise it.
    await expect(page.locator('.webchat__upload-button').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('an answer fits a phone: one next step, "En savoir plus", at most 3 whole suggestions, 👍/👎 apart, no empty heading', async () => {
    const page = await openPage();
    await startChat(page);
    const answer = await say(page, 'comment avoir les apl', /Source : .+vérifié le/);
    expect(answer).not.toMatch(/Pour aller plus loin/);
    const suggestions = page.locator('.webchat__suggested-actions button');
    await suggestions.first().waitFor();
    const labels = await suggestions.allInnerTexts();
    expect(labels.length).toBeLessThanOrEqual(3);
    expect(labels[0]).toMatch(/En savoir plus/);
    expect(labels.join(' ')).not.toMatch(/👍|👎|…/);
    // Every suggestion is shown whole: its text is not clipped by its button.
    const clipped = await suggestions.evaluateAll((buttons) => buttons.filter((b) => b.scrollWidth > b.clientWidth + 1).length);
    expect(clipped).toBe(0);
    await expect(page.locator('.webchat__bubble button', { hasText: '👍' }).count()).resolves.toBeGreaterThan(0);
    // Each link of the answer goes to a different address, and none is labelled just "site".
    const links = await page.locator('.webchat__bubble').last().locator('a').evaluateAll((as) => as.map((a) => [a.textContent?.trim(), a.getAttribute('href')]));
    expect(new Set(links.map(([, href]) => href)).size).toBe(links.length);
    expect(links.map(([label]) => label)).not.toContain('site');

    const before = await page.locator('.webchat__bubble').count();
    await suggestions.first().click();
    await waitForBot(page, before, /En détail|vérifié le/);
    await page.context().close();
  });

  it('a crisis reply shows the numbers first, as big call buttons and tel: links', async () => {
    const page = await openPage();
    await startChat(page);
    await say(page, 'jveux plus vivre', /3114/);
    await page.locator('.webchat__bubble button', { hasText: 'Appeler le 3114' }).first().waitFor();
    const hrefs = await page.locator('.webchat__bubble a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['tel:3114', 'tel:15']));
    await page.context().close();
  });

  it('after "efface mes données", the erased messages leave the screen', async () => {
    const page = await openPage();
    await startChat(page);
    await say(page, 'c koi le service civique', /Source :/);
    await say(page, 'efface mes données', /Tu veux que j'efface tout/);
    const input = page.locator(SENDBOX);
    await input.fill('oui');
    await input.press('Enter');
    await page.waitForFunction(
      () => {
        const texts = Array.from(document.querySelectorAll('.webchat__bubble')).map((b) => b.textContent ?? '');
        return texts.some((t) => /C.est fait/.test(t)) && !texts.some((t) => /service civique/i.test(t));
      },
      null,
      { timeout: 20_000 },
    );
    await page.context().close();
  });

  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`axe finds no violation on a ${size}, before and after the chat opens; labels and times are French`, async () => {
      const page = await openPage({ viewport });
      expect(await axeViolations(page)).toEqual([]);
      await startChat(page);
      await say(page, 'c koi le service civique', /Source :/);
      expect(await axeViolations(page)).toEqual([]);
      const spoken = await page.locator('#webchat').evaluate((el) => Array.from(el.querySelectorAll('[aria-label], .webchat__screen-reader-only, [aria-roledescription]')).map((n) => `${n.getAttribute('aria-label') ?? ''} ${n.textContent ?? ''}`).join('\n'));
      expect(spoken).not.toMatch(/Vous avez dit|\b(AM|PM)\b/);
      expect(spoken).toMatch(/Tu as dit/);
      expect(external.filter((u) => !u.startsWith('https://neutral.example/'))).toEqual([]);
      await page.context().close();
    });
  }
});
