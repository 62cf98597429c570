import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../support/browser.js';
import { fakePlatform } from '../support/fake-platform.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery staple';
const APP_SECRET = 'whatsapp-app-secret-for-tests';

if (!CHROMIUM_PATH && process.env.CI === 'true') throw new Error('Chromium is required in CI: .ci/run installs it');

/** A référent answers a young person who wrote on WhatsApp, from the console page (Cloud API faked on loopback). */
describe.skipIf(!CHROMIUM_PATH)('the console with a WhatsApp conversation (headless Chromium)', () => {
  let running: RunningApp;
  let browser: Browser;
  let fake: Awaited<ReturnType<typeof fakePlatform>>;
  let nextId = 0;

  beforeAll(async () => {
    fake = await fakePlatform(() => ({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out-${++nextId}` }] }));
    running = await startTestApp({
      HANDOFF_OPENING_HOURS: 'mon-sun 00:00-24:00',
      WHATSAPP_TOKEN: 'cloud-api-token',
      WHATSAPP_PHONE_NUMBER_ID: '1098765432',
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
      WHATSAPP_API_BASE_URL: `${fake.url}/v21.0`,
    });
    await running.app.ready;
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', title: 'référente', role: 'referent', departements: ['93'], password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await fake?.close();
  });

  async function fromWhatsApp(text: string): Promise<void> {
    const body = JSON.stringify({ entry: [{ changes: [{ field: 'messages', value: { messages: [{ from: '33611111111', id: `wamid.in-${++nextId}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }] } }] }] });
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
    expect((await fetch(`${running.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body })).status).toBe(200);
  }

  it('takes over and writes to WhatsApp; past 24 hours the console says the young person must write first', async () => {
    await fromWhatsApp('dans le 93');
    await fromWhatsApp("je veux parler à quelqu'un");
    const referent = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })).newPage();
    await referent.goto(`${running.url}/console`);
    await referent.fill('#login-email', 'sarah@relais.test');
    await referent.fill('#login-password', PASSWORD);
    await referent.press('#login-password', 'Enter');
    const row = referent.locator('.case-row').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await referent.locator('#take').click();
    await referent.locator('#composer-text').waitFor({ timeout: 5000 });
    // Said before anything is typed: until when WhatsApp lets the service write.
    await referent.locator('#reply-window', { hasText: 'Sur WhatsApp, tu peux lui écrire jusqu’au' }).waitFor({ timeout: 5000 });

    await referent.locator('#composer-text').fill('Bonjour, je suis Sarah.');
    await referent.locator('#composer-text').press('Enter');
    await referent.locator('#transcript .msg[data-from="referent"]', { hasText: 'Bonjour, je suis Sarah.' }).waitFor({ timeout: 5000 });
    expect(fake.calls.some((c) => (c.body.text as { body?: string } | undefined)?.body === '*Sarah* : Bonjour, je suis Sarah.')).toBe(true);

    await running.app.db.query("update messaging_contacts set last_inbound_at = now() - interval '25 hours'");
    await referent.locator('#composer-text').fill('Tu es toujours là ?');
    await referent.locator('#composer-text').press('Enter');
    await referent.locator('#case-error', { hasText: 'doit d’abord t’écrire' }).waitFor({ timeout: 5000 });
    // Once the case reloads, the notice above the composer says it too.
    await referent.locator('#reply-window', { hasText: 'elle doit d’abord t’écrire' }).waitFor({ timeout: 5000 });
  });
});
