import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../bot/config/settings.js';
import { setTelegramWebhook } from '../../bot/messaging/webhook-setup.js';
import { ConsoleClient } from '../support/console-client.js';
import { fakePlatform, type FakeCall } from '../support/fake-platform.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const SECRET = 'telegram-test-secret-0123456789';
const TOKEN = '123456:test-token';
const PASSWORD = 'correct horse battery staple';

/** Telegram's side, on loopback: the Bot API answers every call as Telegram would, and keeps what it was sent. */
describe('Telegram channel (webhook and a local fake of the Bot API)', () => {
  let fake: Awaited<ReturnType<typeof fakePlatform>>;
  let running: RunningApp;
  let nextId = 5000;
  /** Chats for which the fake refuses formatted text once, as Telegram does with HTML it cannot parse. */
  const refuseHtml = new Set<number>();
  /** Chats for which the fake fails once, as Telegram does when it is down. */
  const failOnce = new Set<number>();

  beforeAll(async () => {
    fake = await fakePlatform((call) => {
      const method = call.path.split('/').pop();
      if (method === 'sendMessage' && failOnce.delete(Number(call.body.chat_id))) return { ok: false, error_code: 500, description: 'Internal Server Error' };
      if (method === 'sendMessage' && call.body.parse_mode === 'HTML' && refuseHtml.delete(Number(call.body.chat_id))) {
        return { ok: false, error_code: 400, description: "Bad Request: can't parse entities: unsupported start tag" };
      }
      if (method === 'sendMessage') return { ok: true, result: { message_id: ++nextId, date: Math.floor(Date.now() / 1000), chat: { id: Number(call.body.chat_id), type: 'private' }, text: call.body.text } };
      return { ok: true, result: true };
    });
    running = await startTestApp({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE_URL: fake.url, HANDOFF_OPENING_HOURS: 'mon-sun 00:00-24:00' });
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', title: 'référente', role: 'referent', departements: ['93'], password: PASSWORD });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
  });

  const post = (update: unknown, secret: string | null = SECRET) =>
    fetch(`${running.url}/api/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) }, body: JSON.stringify(update) });
  const message = (chat: number, text: string) => ({
    update_id: ++nextId,
    message: { message_id: nextId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private', first_name: 'A' }, from: { id: chat, is_bot: false, first_name: 'A', language_code: 'fr' }, text },
  });
  const sentTo = (chat: number): FakeCall[] => fake.calls.filter((c) => c.path === `/bot${TOKEN}/sendMessage` && Number(c.body.chat_id) === chat);
  const textsTo = (chat: number) => sentTo(chat).map((c) => String(c.body.text)).join('\n');
  async function say(chat: number, text: string): Promise<FakeCall[]> {
    const before = sentTo(chat).length;
    expect((await post(message(chat, text))).status).toBe(200);
    return sentTo(chat).slice(before);
  }

  it('refuses an update without the secret or with a forged one (401), and processes nothing', async () => {
    const calls = fake.calls.length;
    expect((await post(message(1001, 'jveux plus vivre'), 'forged-secret-0123456789')).status).toBe(401);
    expect((await post(message(1001, 'jveux plus vivre'), null)).status).toBe(401);
    expect(fake.calls.length).toBe(calls);
    expect((await running.app.db.query("select 1 from messaging_updates where channel = 'telegram'")).rows).toEqual([]);
  });

  it('a crisis message gets the numbers at once, after "typing…"', async () => {
    const replies = await say(1002, 'jveux plus vivre');
    expect(replies.map((c) => String(c.body.text)).join('\n')).toMatch(/3114/);
    expect(fake.calls.some((c) => c.path.endsWith('/sendChatAction') && Number(c.body.chat_id) === 1002 && c.body.action === 'typing')).toBe(true);
  });

  it('a question gets a cited answer in Telegram HTML with buttons; a button pressed is read as the young person\'s words', async () => {
    expect((await post({ ...message(1003, '/start') })).status).toBe(200);
    expect(textsTo(1003)).toMatch(/Relais/);
    const replies = await say(1003, 'c koi le service civique');
    const answer = replies.map((c) => String(c.body.text)).join('\n');
    expect(answer).toMatch(/<b>[^<]*[Ss]ervice civique[^<]*<\/b>/);
    expect(answer).toMatch(/Source/);
    expect(answer).not.toMatch(/\*\*|\]\(/);
    const keyboard = replies.map((c) => c.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined).find((m) => m?.inline_keyboard);
    expect(keyboard?.inline_keyboard?.length).toBeGreaterThan(0);
    const button = keyboard!.inline_keyboard![0]![0]!;
    const before = sentTo(1003).length;
    const press = { update_id: ++nextId, callback_query: { id: `cb-${nextId}`, from: { id: 1003, is_bot: false, first_name: 'A' }, chat_instance: 'x', data: button.callback_data, message: { message_id: 1, date: 0, chat: { id: 1003, type: 'private', first_name: 'A' } } } };
    expect((await post(press)).status).toBe(200);
    expect(fake.calls.some((c) => c.path.endsWith('/answerCallbackQuery') && c.body.callback_query_id === press.callback_query.id)).toBe(true);
    expect(sentTo(1003).length).toBeGreaterThan(before);
  });

  it('a replayed update is answered once', async () => {
    const update = message(1004, 'c koi la garantie visale');
    expect((await post(update)).status).toBe(200);
    const answered = sentTo(1004).length;
    expect(answered).toBeGreaterThan(0);
    const again = await post(update);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(sentTo(1004).length).toBe(answered);
  });

  it('a référent takes over in the console and replies: it reaches the young person on Telegram; no chat id in the case', async () => {
    await say(1005, 'dans le 93');
    await say(1005, "je veux parler à quelqu'un");
    const sarah = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
    const open = await sarah.get<Array<{ id: string; conversationId: string }>>('/cases?status=open');
    const telegramCase = open.body.find((c) => c.conversationId.startsWith('telegram:'));
    expect(telegramCase).toBeDefined();
    expect(telegramCase!.conversationId).not.toContain('1005');
    expect((await sarah.post(`/cases/${telegramCase!.id}/take`)).status).toBe(200);
    expect((await sarah.post(`/cases/${telegramCase!.id}/messages`, { text: 'Bonjour, je suis là. <b>on parle</b>' })).status).toBe(201);
    const texts = textsTo(1005);
    expect(texts).toMatch(/<b>Sarah<\/b> : Bonjour, je suis là\. &lt;b&gt;on parle&lt;\/b&gt;/);
    // While the référent has it, the bot is silent; the young person's words reach the console.
    expect(await say(1005, 'merci')).toEqual([]);
  });

  it('"STOP" asks to erase; confirmed, the chat id and the messages are gone, and the confirmation still arrives', async () => {
    await say(1006, 'c koi le service civique');
    const asked = await say(1006, 'STOP');
    expect(asked.map((c) => String(c.body.text)).join('\n')).toMatch(/effac/);
    const confirmed = await say(1006, 'Oui, efface tout');
    expect(confirmed.length).toBeGreaterThan(0);
    expect((await running.app.db.query("select 1 from messaging_contacts where address = '1006'")).rows).toEqual([]);
  });

  it('npm run channels:webhook -- telegram sets the webhook to PUBLIC_URL/api/telegram with the secret', async () => {
    const settings = parseSettings({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE_URL: fake.url, PUBLIC_URL: 'https://relais.example.org' });
    expect(await setTelegramWebhook(settings)).toBe('https://relais.example.org/api/telegram');
    const call = fake.calls.find((c) => c.path === `/bot${TOKEN}/setWebhook`);
    expect(call?.body).toMatchObject({ url: 'https://relais.example.org/api/telegram', secret_token: SECRET, allowed_updates: ['message', 'callback_query'] });
  });

  it('an answer whose formatting Telegram refuses is sent again as plain words, not lost', async () => {
    refuseHtml.add(1007);
    const replies = await say(1007, 'jveux plus vivre');
    const plain = replies.find((c) => c.body.parse_mode === undefined);
    expect(String(plain?.body.text)).toMatch(/3114/);
    expect(String(plain?.body.text)).not.toMatch(/<b>/);
  });

  it('an update not answered (Telegram failing, or a crash during the turn) is answered when Telegram delivers it again', async () => {
    await say(1008, 'bonjour');
    failOnce.add(1008);
    const update = message(1008, 'jveux plus vivre');
    expect((await post(update)).status).toBe(503);
    expect((await post(update)).status).toBe(200);
    expect(textsTo(1008)).toMatch(/3114/);
    expect(await (await post(update)).json()).toMatchObject({ duplicate: true });

    // A claim a crash left unfinished a while ago: the update is taken again.
    const cut = message(1008, 'c koi le service civique');
    await running.app.db.query("insert into messaging_updates(channel, update_id, claimed_at) values ('telegram', $1, now() - interval '2 minutes')", [String(cut.update_id)]);
    const before = sentTo(1008).length;
    expect(await (await post(cut)).json()).toEqual({ ok: true });
    expect(sentTo(1008).length).toBeGreaterThan(before);
  });
});
