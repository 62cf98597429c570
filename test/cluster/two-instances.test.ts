import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, testSchema } from '../support/postgres.js';
import { startRoundRobinProxy } from '../support/round-robin-proxy.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

interface StreamedActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { role?: string };
}

const CONVERSATIONS = 20;
const MESSAGES = 10;
const TEXTS = ['bonjour', 'merci', 'c koi le rsa', 'jsuis perdu', 'ok', 'aide', 'comment avoir la css', 'menu', 'salut', 'merci bcp'];

const postgres = await postgresAvailable('two instances');

// Two instances of Relais on one PostgreSQL behind a load balancer with no stickiness: they must behave as one.
describe.skipIf(!postgres)('two instances on one PostgreSQL, behind a round-robin proxy', () => {
  let schema: Awaited<ReturnType<typeof testSchema>>;
  const apps: RunningApp[] = [];
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;

  beforeAll(async () => {
    schema = await testSchema();
    const env = { DATABASE_URL: schema.url, DIRECTLINE_SECRET: 'two-instances-secret-0123456789abcdef', DIRECTLINE_POSTS_PER_MINUTE: '600' };
    apps.push(...(await Promise.all([startTestApp(env), startTestApp(env)])));
    proxy = await startRoundRobinProxy(apps.map((app) => app.url));
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    for (const app of apps) await app.stop();
    await schema?.drop();
  });

  it(`${CONVERSATIONS} conversations × ${MESSAGES} messages posted at once: every message answered, no state lost, every stream gets every activity`, async () => {
    const conversations = await Promise.all(Array.from({ length: CONVERSATIONS }, () => openConversation(proxy.url)));
    // Each conversation's messages all at once, so the two instances run turns of one conversation at the same time.
    const posted = await Promise.all(
      conversations.map(async (conversation, c) =>
        Promise.all(
          Array.from({ length: MESSAGES }, async (_, m) => {
            const response = await fetch(`${proxy.url}/v3/directline/conversations/${conversation.id}/activities`, {
              method: 'POST',
              headers: conversation.headers,
              body: JSON.stringify({ type: 'message', from: { id: 'u' }, text: TEXTS[m], channelData: { clientActivityID: `c${c}-m${m}` } }),
            });
            expect(response.status).toBe(200);
            return ((await response.json()) as { id: string }).id;
          }),
        ),
      ),
    );

    for (const [c, conversation] of conversations.entries()) {
      const all = await everyActivity(proxy.url, conversation);
      // Every message stored once and answered.
      expect(all.filter((a) => a.from.role === 'user' && a.type === 'message')).toHaveLength(MESSAGES);
      for (const id of posted[c]!) expect(all.some((a) => a.from.role === 'bot' && a.replyToId === id), `reply to ${id}`).toBe(true);
      // The stream, on whichever instance it landed, received everything stored, in order, once.
      await waitUntil(() => conversation.streamed.length >= all.length, `stream of conversation ${c}`);
      expect(conversation.streamed.map((a) => a.id)).toEqual(all.map((a) => a.id));
      conversation.socket.close();
    }

    // No turn overwrote another's state: the conversation state has seen every message.
    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    try {
      for (const [c, conversation] of conversations.entries()) {
        const { rows } = await db.query<{ document: { relais?: { seenActivityIds?: string[] } } }>('select document from bot_state where key = $1', [`directline/conversations/${conversation.id}/`]);
        const seen = rows[0]?.document.relais?.seenActivityIds ?? [];
        for (const id of posted[c]!) expect(seen, `conversation ${c} state`).toContain(id);
      }
    } finally {
      await db.end();
    }
  }, 180_000);
});

async function openConversation(baseUrl: string) {
  const grant = (await (await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
  const headers = { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' };
  const started = (await (await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers })).json()) as { streamUrl: string };
  const streamed: StreamedActivity[] = [];
  const socket = new WebSocket(started.streamUrl);
  socket.on('message', (data) => {
    const text = String(data);
    if (text) streamed.push(...(JSON.parse(text) as { activities: StreamedActivity[] }).activities);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { id: grant.conversationId, headers, streamed, socket };
}

async function everyActivity(baseUrl: string, conversation: { id: string; headers: Record<string, string> }): Promise<StreamedActivity[]> {
  const page = (await (await fetch(`${baseUrl}/v3/directline/conversations/${conversation.id}/activities?watermark=0`, { headers: conversation.headers })).json()) as { activities: StreamedActivity[] };
  return page.activities;
}

async function waitUntil(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
