import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../support/browser.js';
import { fixtureBaseCopy } from '../support/fixture-base.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { openChat, say } from '../support/webchat-page.js';

const PASSWORD = 'a long editor password';
const QUESTION = 'jveux plus avancer les sous chez le doc';

if (!CHROMIUM_PATH && process.env.CI === 'true') throw new Error('Chromium is required in CI: .ci/run installs it');

/** The editors' loop in two real pages: a young person in Web Chat, an editor in /editor, on a copy of the fixture base. */
describe.skipIf(!CHROMIUM_PATH)('an editor turns an unanswered question into an answer, without a restart, and can undo it (headless Chromium)', () => {
  let dir: string;
  let running: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    const base = fixtureBaseCopy('relais-editor-page-');
    dir = base.dir;
    running = await startTestApp(base.env);
    await running.app.ready;
    await running.app.accounts.add({ email: 'ines@relais.test', name: 'Inès', role: 'editor', departements: [], password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('unanswered in Web Chat → seen grouped in /editor → added as a question, tested, published → answered in Web Chat → undone', async () => {
    const young = await openChat(browser, running.url);
    await say(young, QUESTION, /pas sûr|pas sure|personne|quelqu/i);

    const editor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })).newPage();
    await editor.goto(`${running.url}/editor`);
    await editor.fill('#login-email', 'ines@relais.test');
    await editor.fill('#login-password', PASSWORD);
    await editor.press('#login-password', 'Enter');
    const group = editor.locator('#groups li.group', { hasText: QUESTION });
    await group.waitFor({ timeout: 10_000 });
    await expect(group.innerText()).resolves.toMatch(/1 question sans réponse/);

    // The test pane, before: the bot would hand over to a person.
    await editor.fill('#ask-question', QUESTION);
    await editor.click('#ask-form button');
    await editor.locator('#ask-result', { hasText: 'Le bot ne répond pas' }).waitFor({ timeout: 5000 });

    await group.locator('button[data-entry="fixture-css"]').click();
    await editor.waitForFunction((q) => (document.querySelector('#f-questions') as HTMLTextAreaElement | null)?.value.includes(q), QUESTION, { timeout: 5000 });
    await editor.click('#publish');
    await editor.locator('#publish-result', { hasText: 'Publié' }).waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(dir, 'knowledge/entries/sante/fixture-css.md'), 'utf8')).toContain(QUESTION);

    // The test pane, after; then the young person, within 5 s of the publication, with no restart.
    await editor.click('#ask-form button');
    await editor.locator('#ask-result', { hasText: 'Le bot répond avec « fixture-css »' }).waitFor({ timeout: 5000 });
    const begin = Date.now();
    await say(young, QUESTION, /Complémentaire santé solidaire/);
    expect(Date.now() - begin).toBeLessThan(5000);

    // The publication is in the entry's versions, and can be undone from the page.
    await editor.locator('#versions button[data-version]').first().click();
    await editor.locator('#publish-result', { hasText: 'Publication annulée' }).waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(dir, 'knowledge/entries/sante/fixture-css.md'), 'utf8')).not.toContain(QUESTION);
    await editor.click('#ask-form button');
    await editor.locator('#ask-result', { hasText: 'Le bot ne répond pas' }).waitFor({ timeout: 5000 });
  });

  it('an invalid edit is refused in the page with its messages, and nothing is published', async () => {
    const editor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })).newPage();
    await editor.goto(`${running.url}/editor`);
    await editor.fill('#login-email', 'ines@relais.test');
    await editor.fill('#login-password', PASSWORD);
    await editor.press('#login-password', 'Enter');
    await editor.locator('#entries button', { hasText: 'La garantie Visale' }).click();
    await editor.waitForFunction(() => (document.querySelector('#f-questions') as HTMLTextAreaElement | null)?.value.length, null, { timeout: 5000 });
    const file = path.join(dir, 'knowledge/entries/logement/fixture-visale.md');
    const before = readFileSync(file, 'utf8');
    await editor.fill('#f-questions', 'une seule question');
    await editor.click('#publish');
    await editor.locator('#publish-result', { hasText: 'Pas publié' }).waitFor({ timeout: 5000 });
    await expect(editor.locator('#publish-result').innerText()).resolves.toMatch(/questions: at least 3 questions/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
