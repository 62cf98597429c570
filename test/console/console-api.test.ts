import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConsoleClient } from '../support/console-client.js';
import { waitFor } from '../support/directline-client.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { YoungPerson } from '../support/young-person.js';

const PASSWORD = 'correct horse battery staple';
const ALWAYS_OPEN = { HANDOFF_OPENING_HOURS: 'mon-sun 00:00-24:00', CONSOLE_MAX_FAILED_LOGINS: '3', CONSOLE_LOGIN_RATE_PER_MINUTE: '1000' };

interface Summary {
  id: string;
  status: string;
  priority: number;
  reason: string;
  flagged: boolean;
  conversationId: string;
  assignedTo: { name: string } | null;
}

/** A small HTTP receiver on loopback that records what it is sent (a webhook, a Bot Framework connector). */
async function receiver(): Promise<{ url: string; requests: Array<{ url: string; body: Record<string, unknown> }>; server: Server }> {
  const requests: Array<{ url: string; body: Record<string, unknown> }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${requests.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('référent console API', () => {
  let running: RunningApp;
  let webhook: Awaited<ReturnType<typeof receiver>>;
  let sarah: ConsoleClient;

  beforeAll(async () => {
    webhook = await receiver();
    running = await startTestApp({ ...ALWAYS_OPEN, HANDOFF_ALERT_WEBHOOK_URL: `${webhook.url}/alert` });
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', title: 'référente', role: 'referent', departements: ['93'], password: PASSWORD });
    await running.app.accounts.add({ email: 'paul@relais.test', name: 'Paul', role: 'referent', departements: ['75'], password: PASSWORD });
    await running.app.accounts.add({ email: 'coord@relais.test', name: 'Camille', role: 'coordinator', departements: [], password: PASSWORD });
    sarah = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
  });
  afterAll(async () => {
    await running?.stop();
    webhook?.server.close();
  });

  async function youngPersonAsking(place = 'dans le 93'): Promise<{ person: YoungPerson; caseId: string }> {
    const person = await new YoungPerson(running.url).start();
    await person.say(place);
    await person.say("je veux parler à quelqu'un");
    const record = await running.app.handoff.cases.unfinished(person.conversationId);
    return { person, caseId: record!.id };
  }

  // How fast it arrives is measured by npm run bench (scripts/bench-console.ts), not asserted here: a loaded CI
  // machine would make a time limit fail for reasons that are not the console's.
  it('a new request is pushed to the signed-in référent\'s event stream, and the queue lists it', async () => {
    const stream = sarah.events();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { caseId } = await youngPersonAsking();
    const event = await waitFor(() => stream.seen.find((e) => e.data.caseId === caseId && e.data.kind === 'opened'), 'the opened event', 5000);
    stream.stop();
    expect(event.data).toMatchObject({ caseId, kind: 'opened' });
    const queue = await sarah.get<Summary[]>('/cases?status=open');
    expect(queue.body.find((c) => c.id === caseId)).toMatchObject({ status: 'open', reason: 'human_request', priority: 2 });
  });

  it('take over, messages both ways, crisis during take-over, hand back: the young person sees each step', async () => {
    const { person, caseId } = await youngPersonAsking();
    expect((await sarah.post(`/cases/${caseId}/take`)).status).toBe(200);
    expect((await person.read()).map((a) => a.text).join('\n')).toMatch(/\*\*Sarah\*\*, référente \(Seine-Saint-Denis\), a rejoint la conversation/);

    expect(await person.say('bonjour vous êtes là ?')).toEqual([]);
    expect((await sarah.post(`/cases/${caseId}/messages`, { text: 'Oui, je suis là.' })).status).toBe(201);
    expect((await person.read()).map((a) => a.text)).toContain('**Sarah** : Oui, je suis là.');

    const crisis = await person.say('jveux plus vivre');
    expect(crisis.join('\n')).toMatch(/3114/);
    const flagged = await sarah.get<Summary & { messages: Array<{ from: string; text: string }> }>(`/cases/${caseId}`);
    expect(flagged.body).toMatchObject({ status: 'assigned', priority: 1, reason: 'crisis', flagged: true });
    expect(flagged.body.messages.map((m) => m.from)).toEqual(expect.arrayContaining(['user', 'bot', 'referent']));
    expect(flagged.body.messages.find((m) => m.from === 'referent')?.text).toBe('Oui, je suis là.');

    expect((await sarah.post(`/cases/${caseId}/hand-back`)).status).toBe(200);
    expect((await person.read()).map((a) => a.text).join('\n')).toMatch(/Sarah a quitté la conversation/);
    expect((await person.say('c koi le service civique')).join('\n')).toMatch(/Source :/);
    expect((await sarah.post(`/cases/${caseId}/close`, { outcome: 'Orientée' })).body).toMatchObject({ status: 'closed' });
  });

  it('typing shows both ways: the young person typing reaches the console stream, the référent typing reaches the open chat', async () => {
    const { person, caseId } = await youngPersonAsking();
    await sarah.post(`/cases/${caseId}/take`);
    await person.read();
    const stream = sarah.events();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await person.send({ type: 'typing' });
    await waitFor(() => stream.seen.find((e) => e.event === 'typing' && e.data.caseId === caseId), 'the typing event', 5000);
    stream.stop();

    const frames: Array<{ activities: Array<{ type: string; from: { name?: string } }> }> = [];
    const socket = new WebSocket(person.streamUrl());
    socket.on('message', (data) => String(data) && frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await sarah.post(`/cases/${caseId}/typing`)).status).toBe(204);
    const typing = await waitFor(() => frames.flatMap((f) => f.activities).find((a) => a.type === 'typing'), 'the référent typing in the chat', 5000);
    expect(typing.from.name).toBe('Sarah');
    // Typing is live only: nothing was stored in the conversation.
    expect((await person.read()).filter((a) => a.type === 'typing')).toEqual([]);
    socket.close();
  });

  it('a crisis case sends the webhook alert, without the young person\'s words', async () => {
    const person = await new YoungPerson(running.url).start();
    await person.say('dans le 93');
    await person.say("j'ai avalé toute la boite de doliprane");
    const alert = await waitFor(() => webhook.requests.find((r) => r.url === '/alert' && r.body.category === 'medical'), 'the crisis alert', 5000);
    expect(alert.body).toMatchObject({ event: 'relais.crisis_case', priority: 1, departement: '93' });
    expect(JSON.stringify(alert.body)).not.toMatch(/doliprane|avalé/);
  });

  it('a référent of another département gets 403 on the case; a coordinator sees it', async () => {
    const { caseId } = await youngPersonAsking();
    const paul = await ConsoleClient.login(running.url, 'paul@relais.test', PASSWORD);
    expect((await paul.get(`/cases/${caseId}`)).status).toBe(403);
    expect((await paul.post(`/cases/${caseId}/take`)).status).toBe(403);
    expect((await paul.get<Summary[]>('/cases')).body.map((c) => c.id)).not.toContain(caseId);
    const coordinator = await ConsoleClient.login(running.url, 'coord@relais.test', PASSWORD);
    expect((await coordinator.get(`/cases/${caseId}`)).status).toBe(200);
    expect((await paul.get('/audit')).status).toBe(403);
    const audit = await coordinator.get<Array<{ action: string; caseId: string | null }>>('/audit');
    expect(audit.body.some((r) => r.action === 'view' && r.caseId === caseId)).toBe(true);
  });

  it('a state-changing request without the CSRF token is refused, and changes nothing', async () => {
    const { caseId } = await youngPersonAsking();
    const refused = await sarah.post(`/cases/${caseId}/take`, undefined, { csrf: false });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'csrf' } } });
    expect((await running.app.handoff.cases.get(caseId))?.status).toBe('open');
  });

  it('without a session, the API answers 401; the cookie is httpOnly and SameSite=Strict', async () => {
    expect((await new ConsoleClient(running.url).get('/cases')).status).toBe(401);
    const login = await new ConsoleClient(running.url).login('sarah@relais.test', PASSWORD);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
  });

  it('after repeated wrong passwords the account is locked, even with the right password', async () => {
    await running.app.accounts.add({ email: 'lock@relais.test', name: 'Lou', role: 'referent', departements: ['93'], password: PASSWORD });
    const client = new ConsoleClient(running.url);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.login('lock@relais.test', 'wrong password!')).status);
    expect(statuses).toEqual([401, 401, 423]);
    const locked = await client.login('lock@relais.test', PASSWORD);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a one-time password must be changed before anything else', async () => {
    const { oneTimePassword } = await running.app.accounts.add({ email: 'new@relais.test', name: 'Inès', role: 'referent', departements: ['93'] });
    const client = await ConsoleClient.login(running.url, 'new@relais.test', oneTimePassword!);
    expect((await client.get('/cases')).status).toBe(403);
    expect((await client.post('/password', { current: oneTimePassword, next: 'short' })).status).toBe(400);
    expect((await client.post('/password', { current: oneTimePassword, next: 'a brand new long password' })).status).toBe(204);
    expect((await client.get('/cases')).status).toBe(200);
  });

  it('an idle session expires', async () => {
    const client = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
    await running.app.db.query("update console_sessions set last_seen_at = now() - interval '2 hours'");
    expect((await client.get('/cases')).status).toBe(401);
    sarah = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
  });

  it('the référent\'s message and the young person\'s message at the same moment: both are kept, in both views', async () => {
    const { person, caseId } = await youngPersonAsking();
    await sarah.post(`/cases/${caseId}/take`);
    await person.read();
    await Promise.all([sarah.post(`/cases/${caseId}/messages`, { text: 'message de Sarah' }), person.say('message du jeune')]);
    await person.read();
    expect(person.received.map((a) => a.text)).toEqual(expect.arrayContaining(['**Sarah** : message de Sarah', 'message du jeune']));
    const detail = await sarah.get<{ messages: Array<{ text: string }> }>(`/cases/${caseId}`);
    expect(detail.body.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['message de Sarah', 'message du jeune']));
  });
});

describe('référent console across a restart and on an Azure channel', () => {
  it('a restart during a take-over keeps the case held, the bot silent, and the référent able to write', async () => {
    let running = await startTestApp(ALWAYS_OPEN);
    await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', role: 'referent', departements: ['93'], password: PASSWORD });
    const person = await new YoungPerson(running.url).start();
    await person.say('dans le 93');
    await person.say("je veux parler à quelqu'un");
    const caseId = (await running.app.handoff.cases.unfinished(person.conversationId))!.id;
    await (await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD)).post(`/cases/${caseId}/take`);

    await running.stop({ keepData: true });
    running = await startTestApp(ALWAYS_OPEN, running.dataDir);
    // The notice written while the young person was away waits in the conversation.
    const sameConversation = person.reconnect(running.url);
    expect((await sameConversation.read()).map((a) => a.text).join('\n')).toMatch(/Sarah\*\*, référent·e \(Seine-Saint-Denis\), a rejoint la conversation/);
    expect(await sameConversation.say('toujours là ?')).toEqual([]);
    const sarah = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
    expect((await sarah.get<Summary>(`/cases/${caseId}`)).body).toMatchObject({ status: 'assigned', assignedTo: { name: 'Sarah' } });
    expect((await sarah.post(`/cases/${caseId}/messages`, { text: 'Oui, toujours.' })).status).toBe(201);
    // The young person's chat is closed: the message waits for them, and the console says it is not read yet.
    const waiting = await sarah.get<{ messages: Array<{ text: string; seen?: boolean }> }>(`/cases/${caseId}`);
    expect(waiting.body.messages.find((m) => m.text === 'Oui, toujours.')?.seen).toBe(false);
    expect((await sameConversation.read()).map((a) => a.text)).toContain('**Sarah** : Oui, toujours.');
    await expect
      .poll(async () => (await sarah.get<{ messages: Array<{ text: string; seen?: boolean }> }>(`/cases/${caseId}`)).body.messages.find((m) => m.text === 'Oui, toujours.')?.seen)
      .toBe(true);
    await running.stop();
  });

  it('logins from one address are rate-limited, with Retry-After', async () => {
    const running = await startTestApp({ CONSOLE_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const client = new ConsoleClient(running.url);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await client.login('nobody@relais.test', 'wrong password!'));
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
      expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await running.stop();
    }
  });

  it('on a /api/messages channel, the référent\'s message goes out through the stored conversation reference to the connector', async () => {
    const connector = await receiver();
    const running = await startTestApp(ALWAYS_OPEN);
    try {
      await running.app.accounts.add({ email: 'sarah@relais.test', name: 'Sarah', role: 'referent', departements: ['93'], password: PASSWORD });
      const post = (id: string, text: string) =>
        fetch(`${running.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id,
            text,
            channelId: 'telegram',
            serviceUrl: `${connector.url}/`,
            from: { id: 'tg-user-1', name: 'x', role: 'user' },
            recipient: { id: 'bot', name: 'Relais' },
            conversation: { id: 'tg-conv-1' },
          }),
        });
      expect((await post('m1', 'dans le 93')).status).toBeLessThan(300);
      expect((await post('m2', "je veux parler à quelqu'un")).status).toBeLessThan(300);
      const caseId = (await running.app.handoff.cases.unfinished('tg-conv-1'))!.id;
      const sarah = await ConsoleClient.login(running.url, 'sarah@relais.test', PASSWORD);
      expect((await sarah.post(`/cases/${caseId}/take`)).status).toBe(200);
      expect((await sarah.post(`/cases/${caseId}/messages`, { text: 'Bonjour depuis la console' })).status).toBe(201);
      const sent = connector.requests.filter((r) => r.url.startsWith('/v3/conversations/tg-conv-1/activities'));
      expect(sent.map((r) => r.body.text)).toEqual(expect.arrayContaining([expect.stringMatching(/Sarah.*a rejoint/), '**Sarah** : Bonjour depuis la console']));
      const detail = await sarah.get<{ messages: Array<{ from: string; text: string }> }>(`/cases/${caseId}`);
      expect(detail.body.messages.filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['dans le 93', "je veux parler à quelqu'un"]);
    } finally {
      await running.stop();
      connector.server.close();
    }
  });
});

describe('handoff protocol for a contact-centre platform (HANDOFF_PLATFORM_EVENTS=true)', () => {
  it('a request for a human ends with handoff.initiate and the transcript; handoff.status accepted silences the bot, completed closes the case', async () => {
    const running = await startTestApp({ ...ALWAYS_OPEN, HANDOFF_PLATFORM_EVENTS: 'true' });
    try {
      await running.app.accounts.add({ email: 'coord@relais.test', name: 'Camille', role: 'coordinator', departements: [], password: PASSWORD });
      const send = async (activity: Record<string, unknown>) => {
        const res = await fetch(`${running.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            channelId: 'msteams',
            serviceUrl: 'http://127.0.0.1:9/',
            deliveryMode: 'expectReplies',
            from: { id: 'teams-user', role: 'user' },
            recipient: { id: 'bot', name: 'Relais' },
            conversation: { id: 'teams-conv-1' },
            ...activity,
          }),
        });
        return ((await res.json()) as { activities: Array<{ type: string; name?: string; text?: string; value?: unknown; attachments?: Array<{ name: string; content: { activities: Array<{ text: string }> } }> }> }).activities;
      };
      await send({ type: 'message', id: 'p1', text: 'dans le 93' });
      const replies = await send({ type: 'message', id: 'p2', text: "je veux parler à quelqu'un" });
      const initiate = replies.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
      expect(initiate?.value).toMatchObject({ reason: 'human_request', priority: 2, departement: '93' });
      expect(initiate?.attachments?.[0]?.content.activities.map((a) => a.text)).toEqual(expect.arrayContaining(['dans le 93', "je veux parler à quelqu'un"]));

      await send({ type: 'event', id: 'p3', name: 'handoff.status', value: { state: 'accepted' } });
      expect((await running.app.handoff.cases.unfinished('teams-conv-1'))?.status).toBe('assigned');
      expect((await send({ type: 'message', id: 'p4', text: 'c koi le service civique' })).filter((a) => a.type === 'message')).toEqual([]);
      await send({ type: 'event', id: 'p5', name: 'handoff.status', value: { state: 'completed' } });
      expect(await running.app.handoff.cases.unfinished('teams-conv-1')).toBeUndefined();
      expect((await send({ type: 'message', id: 'p6', text: 'c koi le service civique' })).map((a) => a.text).join('\n')).toMatch(/Source :/);
    } finally {
      await running.stop();
    }
  });

  it('a Web Chat client cannot send handoff.status to take or close its own case', async () => {
    const running = await startTestApp({ ...ALWAYS_OPEN, HANDOFF_PLATFORM_EVENTS: 'true' });
    try {
      await running.app.accounts.add({ email: 'coord@relais.test', name: 'Camille', role: 'coordinator', departements: [], password: PASSWORD });
      const person = await new YoungPerson(running.url).start();
      await person.say('dans le 93');
      await person.say("je veux parler à quelqu'un");
      await person.send({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
      expect((await running.app.handoff.cases.unfinished(person.conversationId))?.status).toBe('open');
    } finally {
      await running.stop();
    }
  });
});
