import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
    running = await startTestApp({ ...base.env, KNOWN_QUESTIONS_DIR: path.resolve('test/fixtures/known-questions') });
    await running.app.ready;
    await running.app.accounts.add({ email: 'ines@relais.test', name: 'Inès', role: 'editor', departements: [], password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The editor's page on a laptop-sized window, signed in through its form. */
  async function signedInEditor(): Promise<Page> {
    const editor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })).newPage();
    await editor.goto(`${running.url}/editor`);
    await editor.fill('#login-email', 'ines@relais.test');
    await editor.fill('#login-password', PASSWORD);
    await editor.press('#login-password', 'Enter');
    return editor;
  }

  it('unanswered in Web Chat → seen grouped in /editor → added as a question, tested, published → answered in Web Chat → undone', async () => {
    const young = await openChat(browser, running.url);
    await say(young, QUESTION, /pas sûr|pas sure|personne|quelqu/i);

    const editor = await signedInEditor();
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
    const editor = await signedInEditor();
    await editor.locator('#entries button', { hasText: 'La garantie Visale' }).click();
    await editor.waitForFunction(() => (document.querySelector('#f-questions') as HTMLTextAreaElement | null)?.value.length, null, { timeout: 5000 });
    const file = path.join(dir, 'knowledge/entries/logement/fixture-visale.md');
    const before = readFileSync(file, 'utf8');
    await editor.fill('#f-questions', 'une seule question');
    await editor.click('#publish');
    await editor.locator('#publish-result', { hasText: 'Pas publié' }).waitFor({ timeout: 5000 });
    await expect(editor.locator('#publish-result').innerText()).resolves.toMatch(/questions : il en faut au moins 3/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('shows the answer as a phone shows it and the messages by field as the editor types, what would change before publishing, creates an entry, and edits places', async () => {
    const editor = await signedInEditor();
    await editor.locator('#entries button', { hasText: 'La Complémentaire santé solidaire' }).click();
    await editor.locator('#phone-bubble strong', { hasText: 'La Complémentaire santé solidaire (fiche de test)' }).waitFor({ timeout: 5000 });
    await expect(editor.locator('#phone-bubble a[href^="tel:"]').count()).resolves.toBeGreaterThan(0);

    // A live message under the field, before any publication; then fixed.
    await editor.fill('#f-answer', 'Court.');
    await editor.locator('.field-issues[data-field="answer"] li', { hasText: 'réponse : au moins 10 caractères' }).waitFor({ timeout: 5000 });
    await editor.fill('#f-answer', 'La Complémentaire santé solidaire paie le reste de tes soins, sans avance de frais.');
    await editor.locator('#check-state', { hasText: 'Aucune erreur' }).waitFor({ timeout: 5000 });
    await editor.locator('#phone-bubble', { hasText: 'sans avance de frais' }).waitFor({ timeout: 5000 });
    await editor.click('#show-details');
    await editor.locator('#phone-bubble', { hasText: 'Fixture used by the tests' }).waitFor({ timeout: 5000 });

    // What the draft would change, before publishing it.
    const questions = await editor.inputValue('#f-questions');
    await editor.fill('#f-questions', `${questions}\n${QUESTION}`);
    await editor.click('#impact');
    await editor.locator('#impact-result li', { hasText: QUESTION }).waitFor({ timeout: 30_000 });
    await expect(editor.locator('#impact-result li', { hasText: QUESTION }).innerText()).resolves.toContain('→ « La Complémentaire santé solidaire (fiche de test) »');
    expect(readFileSync(path.join(dir, 'knowledge/entries/sante/fixture-css.md'), 'utf8')).not.toContain('sans avance de frais');

    // A new entry, from the form.
    await editor.click('#new-entry');
    await editor.fill('#f-id', 'fixture-cree-page');
    await editor.selectOption('#f-theme', 'sante');
    await editor.fill('#f-title', 'Une fiche créée depuis la page');
    await editor.fill('#f-questions', 'fiche creee un\nfiche creee deux\nfiche creee trois');
    await editor.fill('#f-keywords', 'test, page');
    await editor.fill('#f-answer', 'Cette fiche de test a été créée depuis la page des éditeurs.');
    await editor.fill('#f-sources', 'Ameli | Complémentaire santé solidaire | https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante');
    await editor.fill('#f-body', 'Fixture created by the editors\' page test, in the browser.');
    await editor.click('#publish');
    await editor.locator('#publish-result', { hasText: 'Publié' }).waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(dir, 'knowledge/entries/sante/fixture-cree-page.md'), 'utf8')).toContain('Une fiche créée depuis la page');

    // Places: a misspelt commune is refused with its message; fixed, the place is published.
    await editor.selectOption('#file-choice', 'directory/93.yaml');
    await editor.click('#file-open');
    await editor.waitForFunction(() => (document.querySelector('#file-text') as HTMLTextAreaElement | null)?.value.includes('departement'), null, { timeout: 5000 });
    const text = await editor.inputValue('#file-text');
    const place = (commune: string) => `${text.trimEnd()}\n  - id: fixture-pij-page\n    type: point_justice\n    name: "Point-justice de la page"\n    communes: [${commune}]\n    source: https://www.example.org/pij\n    verified_on: 2026-11-30\n`;
    await editor.fill('#file-text', place('Bobignyy'));
    await editor.locator('#file-issues li', { hasText: '« Bobignyy » n’est pas une commune' }).waitFor({ timeout: 5000 });
    await editor.fill('#file-text', place('Bobigny'));
    await editor.locator('#file-issues li', { hasText: 'Aucune erreur' }).waitFor({ timeout: 5000 });
    await editor.click('#file-publish');
    await editor.locator('#file-result', { hasText: 'Publié' }).waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(dir, 'knowledge/directory/93.yaml'), 'utf8')).toContain('fixture-pij-page');
  });
});
