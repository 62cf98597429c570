import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openChat as openChatPage, say, waitForBot } from '../support/webchat-page.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { CHROMIUM_PATH, launchChromium } from '../support/browser.js';

if (!CHROMIUM_PATH && process.env.CI === 'true') throw new Error('Chromium is required in CI: .ci/run installs it');

/** The journeys of issue "Conversation", as a new user would try them in the web chat. */
describe.skipIf(!CHROMIUM_PATH)('journeys in the web chat (headless Chromium)', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestApp();
    await running.app.ready;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const openChat = () => openChatPage(browser, running.url);

  it('answers a first-message question with its source, and stores a thumbs-down', async () => {
    const page = await openChat();
    await say(page, 'c koi le service civique', /Source : .+vérifié le/);
    const before = await page.locator('.webchat__bubble').count();
    await page.locator('button', { hasText: '👎' }).last().click();
    await waitForBot(page, before, /Qu'est-ce qui n'allait pas/);
    const beforeReason = await page.locator('.webchat__bubble').count();
    await page.locator('button', { hasText: 'Pas clair' }).last().click();
    await waitForBot(page, beforeReason, /c'est noté/);
    const stored = (await running.app.feedback.latest()).find((r) => r.kind === 'not_helpful');
    expect(stored).toMatchObject({ entry_id: 'service-civique', reason: 'Pas clair' });
    await page.context().close();
  });

  it('"je suis à Montreuil" then "ou est la mission locale" gives Seine-Saint-Denis; "Saint-Denis" asks which one', async () => {
    const page = await openChat();
    await say(page, 'je suis à Montreuil', /Seine-Saint-Denis \(93\)/);
    await say(page, 'ou est la mission locale', /Seine-Saint-Denis/);
    await say(page, 'Saint-Denis', /plusieurs Saint-Denis/);
    await expect(page.locator('button', { hasText: '974' }).last().isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('"jveux plus vivre" in the middle of a profile question gets 3114 at once; "efface mes données" erases and says so', async () => {
    const page = await openChat();
    await say(page, 'mon profil', /quel âge/);
    await say(page, 'jveux plus vivre', /3114/);
    await expect(page.locator('.webchat__bubble button', { hasText: 'Appeler le 3114' }).count()).resolves.toBeGreaterThan(0);
    const cases = await running.app.handoff.cases.list({ statuses: ['open'] });
    expect(cases.some((c) => c.priority === 1 && c.category === 'suicide')).toBe(true);
    await say(page, 'efface mes données', /Tu veux que j'efface tout/);
    // The page reopens the conversation on a clean screen: only the confirmation is left.
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('oui');
    await input.press('Enter');
    await page.waitForFunction(() => /C.est fait. J.ai effacé : .*messages? de nos conversations.*1 demande d.aide/s.test(document.querySelector('#webchat')?.textContent ?? ''), null, { timeout: 20_000 });
    await expect(page.locator('.webchat__bubble', { hasText: 'jveux plus vivre' }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
