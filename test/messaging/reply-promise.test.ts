import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePlatform, type FakeCall } from '../support/fake-platform.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const APP_SECRET = 'whatsapp-app-secret-for-tests';
const SECRET = 'telegram-test-secret-0123456789';
const TOKEN = '123456:test-token';

/**
 * "Une personne te répondra ici" must hold: with the team back in three days, a young person on WhatsApp
 * (which closes 24 h after their last message) is told to write again then; on Telegram the promise stands.
 */
describe('the reply promised after a request for a person, when the team is away for days', () => {
  let fake: Awaited<ReturnType<typeof fakePlatform>>;
  let running: RunningApp;
  let nextId = 0;

  beforeAll(async () => {
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const inThreeDays = days[(new Date().getDay() + 3) % 7]!;
    fake = await fakePlatform((call) => (call.path.startsWith('/bot') ? { ok: true, result: call.path.endsWith('/sendMessage') ? { message_id: ++nextId, date: 0, chat: { id: 1, type: 'private' } } : true } : { messages: [{ id: `wamid.out-${++nextId}` }] }));
    running = await startTestApp({
      HANDOFF_OPENING_HOURS: `${inThreeDays} 09:00-10:00`,
      WHATSAPP_TOKEN: 'cloud-api-token',
      WHATSAPP_PHONE_NUMBER_ID: '1098765432',
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify-token-for-tests',
      WHATSAPP_API_BASE_URL: `${fake.url}/v21.0`,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_BASE_URL: fake.url,
    });
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', role: 'referent', departements: ['93'], password: 'correct horse battery staple' });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
  });

  // Telegram sends text as a string; WhatsApp as { body }, or in an interactive message's body.
  const textOf = (call: FakeCall) => {
    const text = call.body.text as string | { body?: string } | undefined;
    return typeof text === 'string' ? text : (text?.body ?? (call.body.interactive as { body?: { text?: string } } | undefined)?.body?.text ?? '');
  };

  async function onWhatsApp(text: string): Promise<void> {
    const body = JSON.stringify({ entry: [{ changes: [{ field: 'messages', value: { messages: [{ from: '33622222222', id: `wamid.in-${++nextId}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }] } }] }] });
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
    expect((await fetch(`${running.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body })).status).toBe(200);
  }
  async function onTelegram(text: string): Promise<void> {
    const update = { update_id: ++nextId, message: { message_id: nextId, date: Math.floor(Date.now() / 1000), chat: { id: 2002, type: 'private' }, from: { id: 2002, is_bot: false, first_name: 'A' }, text } };
    expect((await fetch(`${running.url}/api/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) })).status).toBe(200);
  }

  it('on WhatsApp, says to write again when the team is back instead of promising an answer it could not send', async () => {
    await onWhatsApp('dans le 93');
    await onWhatsApp("je veux parler à quelqu'un");
    const texts = fake.calls.filter((c) => c.body.to === '33622222222').map(textOf).join('\n');
    expect(texts).toMatch(/une personne la lira dès/);
    expect(texts).toMatch(/ne nous laisse t['’]écrire que dans les 24 h après ton dernier message/);
    expect(texts).not.toMatch(/et te répondra ici/);
  });

  it('on Telegram, which has no such window, the promise to answer here stands', async () => {
    await onTelegram('dans le 93');
    await onTelegram("je veux parler à quelqu'un");
    const texts = fake.calls.filter((c) => Number(c.body.chat_id) === 2002).map(textOf).join('\n');
    expect(texts).toMatch(/et te répondra ici/);
    expect(texts).not.toMatch(/24 h après ton dernier message/);
  });
});
