import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../bot/config/settings.js';
import { setWhatsAppWebhook } from '../../bot/messaging/webhook-setup.js';
import { ConsoleClient } from '../support/console-client.js';
import { fakePlatform, type FakeCall } from '../support/fake-platform.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const APP_SECRET = 'whatsapp-app-secret-for-tests';
const VERIFY_TOKEN = 'verify-token-for-tests';
const PHONE_ID = '1098765432';
const PASSWORD = 'correct horse battery staple';

/** WhatsApp's side, on loopback: the Cloud API answers as Meta would, and keeps what it was sent. */
describe('WhatsApp channel (webhook and a local fake of the Cloud API)', () => {
  let fake: Awaited<ReturnType<typeof fakePlatform>>;
  let running: RunningApp;
  let nextId = 0;

  beforeAll(async () => {
    fake = await fakePlatform(() => ({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out-${++nextId}` }] }));
    running = await startTestApp({
      WHATSAPP_TOKEN: 'cloud-api-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_API_BASE_URL: `${fake.url}/v21.0`,
      HANDOFF_OPENING_HOURS: 'mon-sun 00:00-24:00',
    });
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', title: 'référente', role: 'referent', departements: ['93'], password: PASSWORD });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
  });

  const notification = (from: string, message: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID }, contacts: [{ wa_id: from, profile: { name: 'A' } }], messages: [{ from, id: `wamid.in-${++nextId}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }] } }] }],
  });
  const signed = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const post = (payload: unknown, signature?: (body: string) => string | undefined) => {
    const body = JSON.stringify(payload);
    const header = signature ? signature(body) : signed(body);
    return fetch(`${running.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', ...(header ? { 'x-hub-signature-256': header } : {}) }, body });
  };
  const sentTo = (to: string): FakeCall[] => fake.calls.filter((c) => c.path === `/v21.0/${PHONE_ID}/messages` && c.body.to === to);
  const textOf = (call: FakeCall) => String((call.body.text as { body?: string } | undefined)?.body ?? (call.body.interactive as { body?: { text?: string } } | undefined)?.body?.text ?? '');
  async function say(from: string, text: string): Promise<FakeCall[]> {
    const before = sentTo(from).length;
    expect((await post(notification(from, { type: 'text', text: { body: text } }))).status).toBe(200);
    return sentTo(from).slice(before);
  }

  it('answers Meta\'s verification challenge with the verify token only', async () => {
    const ok = await fetch(`${running.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${running.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });

  it('refuses a forged or missing signature (401) and processes nothing', async () => {
    const calls = fake.calls.length;
    expect((await post(notification('33600000001', { type: 'text', text: { body: 'jveux plus vivre' } }), (body) => signed(body, 'not-the-app-secret'))).status).toBe(401);
    expect((await post(notification('33600000001', { type: 'text', text: { body: 'jveux plus vivre' } }), () => undefined)).status).toBe(401);
    expect(fake.calls.length).toBe(calls);
    expect((await running.app.db.query("select 1 from messaging_updates where channel = 'whatsapp'")).rows).toEqual([]);
  });

  it('a crisis message gets the numbers, after the typing indicator on that message', async () => {
    const replies = await say('33600000002', 'jveux plus vivre');
    expect(replies.map(textOf).join('\n')).toMatch(/3114/);
    expect(fake.calls.some((c) => c.body.status === 'read' && (c.body.typing_indicator as { type?: string } | undefined)?.type === 'text')).toBe(true);
  });

  it('a question gets a cited answer in WhatsApp\'s formatting with reply buttons or a list; a choice is read as the young person\'s words', async () => {
    const replies = await say('33600000003', 'c koi le service civique');
    const text = replies.map(textOf).join('\n');
    expect(text).toMatch(/\*[^*\n]*[Ss]ervice civique[^*\n]*\*/);
    expect(text).toMatch(/Source/);
    expect(text).not.toMatch(/\*\*|\]\(/);
    const interactive = replies.map((c) => c.body.interactive as { type: string; action: { buttons?: Array<{ reply: { id: string; title: string } }>; sections?: Array<{ rows: Array<{ id: string; title: string }> }> } } | undefined).find(Boolean);
    expect(interactive).toBeDefined();
    const choices = interactive!.type === 'button' ? interactive!.action.buttons!.map((b) => b.reply) : interactive!.action.sections![0]!.rows;
    expect(choices.length).toBeGreaterThan(0);
    for (const choice of choices) expect(choice.title.length).toBeLessThanOrEqual(interactive!.type === 'button' ? 20 : 24);
    const before = sentTo('33600000003').length;
    const reply = interactive!.type === 'button' ? { type: 'button_reply', button_reply: choices[0] } : { type: 'list_reply', list_reply: choices[0] };
    expect((await post(notification('33600000003', { type: 'interactive', interactive: reply }))).status).toBe(200);
    expect(sentTo('33600000003').length).toBeGreaterThan(before);
  });

  it('a replayed notification is answered once', async () => {
    const payload = notification('33600000004', { type: 'text', text: { body: 'c koi la garantie visale' } });
    expect((await post(payload)).status).toBe(200);
    const answered = sentTo('33600000004').length;
    expect(answered).toBeGreaterThan(0);
    expect((await post(payload)).status).toBe(200);
    expect(sentTo('33600000004').length).toBe(answered);
  });

  it('a référent takes over and replies on WhatsApp; after 24 h without a message, the console says the young person must write first', async () => {
    await say('33600000005', 'dans le 93');
    await say('33600000005', "je veux parler à quelqu'un");
    const sarah = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
    const open = await sarah.get<Array<{ id: string; conversationId: string }>>('/cases?status=open');
    const whatsappCase = open.body.find((c) => c.conversationId.startsWith('whatsapp:'));
    expect(whatsappCase).toBeDefined();
    expect(whatsappCase!.conversationId).not.toContain('33600000005');
    expect((await sarah.post(`/cases/${whatsappCase!.id}/take`)).status).toBe(200);
    const detail = await sarah.get<{ replyWindow: { state: string; until: string } }>(`/cases/${whatsappCase!.id}`);
    expect(detail.body.replyWindow.state).toBe('open');
    expect(Date.parse(detail.body.replyWindow.until) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await sarah.post(`/cases/${whatsappCase!.id}/messages`, { text: 'Bonjour, je suis là.' })).status).toBe(201);
    expect(sentTo('33600000005').map(textOf).join('\n')).toMatch(/\*Sarah\* : Bonjour, je suis là\./);

    await running.app.db.query("update messaging_contacts set last_inbound_at = now() - interval '25 hours' where address = '33600000005'");
    const late = await sarah.post<{ error: { code: string; message: string } }>(`/cases/${whatsappCase!.id}/messages`, { text: 'Tu es toujours là ?' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/doit d’abord t’écrire/);
    expect((await sarah.get<{ replyWindow: { state: string } }>(`/cases/${whatsappCase!.id}`)).body.replyWindow.state).toBe('closed');
    expect(sentTo('33600000005').map(textOf).join('\n')).not.toMatch(/Tu es toujours là/);
  });

  it('"STOP" asks to erase; confirmed, the phone number is no longer kept', async () => {
    await say('33600000006', 'bonjour');
    expect((await say('33600000006', 'STOP')).map(textOf).join('\n')).toMatch(/effac/);
    expect((await say('33600000006', 'Oui, efface tout')).length).toBeGreaterThan(0);
    expect((await running.app.db.query("select 1 from messaging_contacts where address = '33600000006'")).rows).toEqual([]);
  });

  it('npm run channels:webhook -- whatsapp subscribes the app to messages at PUBLIC_URL/api/whatsapp with the verify token', async () => {
    const settings = parseSettings({ WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN, WHATSAPP_APP_ID: '424242', WHATSAPP_API_BASE_URL: `${fake.url}/v21.0`, PUBLIC_URL: 'https://relais.example.org' });
    expect(await setWhatsAppWebhook(settings)).toBe('https://relais.example.org/api/whatsapp');
    const call = fake.calls.find((c) => c.path === '/v21.0/424242/subscriptions');
    expect(call?.body).toMatchObject({ object: 'whatsapp_business_account', callback_url: 'https://relais.example.org/api/whatsapp', verify_token: VERIFY_TOKEN, fields: 'messages', access_token: `424242|${APP_SECRET}` });
  });
});
