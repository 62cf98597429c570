import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { botTexts, connect, ConnectionStatus, waitFor } from '../support/directline-client.js';

async function webChatToken(url: string, body: object = {}): Promise<{ token: string; conversationId: string; userKey: string; resumed: boolean }> {
  const res = await fetch(`${url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; conversationId: string; userKey: string; resumed: boolean };
}

describe('built-in Direct Line channel with the official client (botframework-directlinejs)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => running.stop());

  it('when a young person opens the chat, the welcome arrives, and a message gets its own echo and a reply', async () => {
    const grant = await webChatToken(running.url);
    const { client, received } = connect(running.url, { token: grant.token });
    try {
      await waitFor(() => botTexts(received).find((t) => t.includes('Relais')), 'welcome');
      const id = await new Promise<string>((resolve, reject) =>
        client.postActivity({ type: 'message', from: { id: 'ignored', name: 'x' }, text: 'bonjour', channelData: { clientActivityID: 'c-1' } } as never).subscribe({ next: resolve, error: reject }),
      );
      expect(id).toMatch(new RegExp(`^${grant.conversationId}\\|\\d{7}$`));
      const echo = await waitFor(() => received.find((a) => a.id === id), 'echo of the user activity');
      expect(echo.from.role).toBe('user');
      expect(echo.from.id).not.toBe('ignored');
      expect((echo.channelData as { clientActivityID?: string }).clientActivityID).toBe('c-1');
      expect(echo.timestamp).toBeTruthy();
      await waitFor(() => received.find((a) => a.from.role === 'bot' && (a as { replyToId?: string }).replyToId === id), 'reply to the message');
    } finally {
      client.end();
    }
  });

  it('answers every message of a burst, in order, and a re-sent message only once', async () => {
    const grant = await webChatToken(running.url);
    const started = await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}` } });
    expect(started.status).toBeLessThan(300);
    const post = (text: string, clientActivityID: string) =>
      fetch(`${running.url}/v3/directline/conversations/${grant.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: 'x' }, text, channelData: { clientActivityID } }),
      }).then(async (res) => ((await res.json()) as { id: string }).id);
    const texts = ['c quoi le service civique', 'c quoi la css', 'mission locale', 'slt', 'merci', 'aide', 'menu', 'epide', 'service civique', 'ivg'];
    const ids = await Promise.all(texts.map((text, i) => post(text, `burst-${i}`)));
    await post('c quoi le service civique', 'burst-0'); // the client retries the first message
    const res = await fetch(`${running.url}/v3/directline/conversations/${grant.conversationId}/activities`, { headers: { authorization: `Bearer ${grant.token}` } });
    const body = (await res.json()) as { activities: Array<{ id: string; replyToId?: string; from: { role?: string } }> };
    expect(res.status, JSON.stringify(body)).toBe(200);
    const { activities } = body;
    const repliedTo = activities.filter((a) => a.from.role === 'bot' && a.replyToId).map((a) => a.replyToId!);
    for (const id of ids) expect(repliedTo).toContain(id);
    const order = [...new Set(repliedTo)].filter((id) => ids.includes(id));
    expect(order).toEqual([...order].sort());
    expect(new Set(repliedTo).size).toBe(ids.length);
  });

  it('when the client polls instead of using the WebSocket, it still gets the replies', async () => {
    const grant = await webChatToken(running.url);
    const { client, received } = connect(running.url, { token: grant.token, webSocket: false });
    try {
      await waitFor(() => botTexts(received).length > 0, 'welcome by polling');
    } finally {
      client.end();
    }
  });

  it('when a token is used for another conversation, the channel refuses it', async () => {
    const a = await webChatToken(running.url);
    const b = await webChatToken(running.url);
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` } });
    const res = await fetch(`${running.url}/v3/directline/conversations/${a.conversationId}/activities`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(res.status).toBe(403);
    const anonymous = await fetch(`${running.url}/v3/directline/conversations/${a.conversationId}/activities`);
    expect(anonymous.status).toBe(403);
  });

  it('when the conversation of a still valid token was purged, a message gets a 404, not a server error', async () => {
    const { token, conversationId } = await webChatToken(running.url);
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await running.app.db.query('delete from dl_activities where conversation_id = $1', [conversationId]);
    await running.app.db.query('delete from dl_conversations where id = $1', [conversationId]);
    const res = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'bonjour' }),
    });
    expect(res.status).toBe(404);
  });

  it('when a token is refreshed, the new one works for the same conversation', async () => {
    const grant = await webChatToken(running.url);
    const res = await fetch(`${running.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}` } });
    expect(res.status).toBe(200);
    const refreshed = (await res.json()) as { token: string; conversationId: string };
    expect(refreshed.conversationId).toBe(grant.conversationId);
    const start = await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${refreshed.token}` } });
    expect(start.status).toBe(201);
  });

  it('when a file is uploaded, it is accepted and the bot answers', async () => {
    const grant = await webChatToken(running.url);
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}` } });
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    const res = await fetch(`${running.url}/v3/directline/conversations/${grant.conversationId}/upload?userId=x`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}` }, body: form });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const page = (await (await fetch(`${running.url}/v3/directline/conversations/${grant.conversationId}/activities`, { headers: { authorization: `Bearer ${grant.token}` } })).json()) as {
      activities: Array<{ id: string; replyToId?: string; attachments?: Array<{ name: string }>; from: { role: string } }>;
    };
    expect(page.activities.find((a) => a.id === id)?.attachments?.[0]?.name).toBe('notes.txt');
    expect(page.activities.some((a) => a.replyToId === id && a.from.role === 'bot')).toBe(true);
  });
});

describe('a restart in the middle of a conversation', () => {
  it('loses no message: the client reconnects from its watermark and the conversation goes on', async () => {
    const first = await startTestApp();
    const grant = await webChatToken(first.url);
    const one = connect(first.url, { token: grant.token });
    await waitFor(() => botTexts(one.received).length > 0, 'welcome');
    await new Promise<string>((resolve, reject) => one.client.postActivity({ type: 'message', from: { id: 'u', name: '' }, text: 'avant' } as never).subscribe({ next: resolve, error: reject }));
    const before = await waitFor(() => (botTexts(one.received).length >= 2 ? one.received.slice() : undefined), 'reply before restart');
    one.client.end();
    await first.stop({ keepData: true });

    const second = await startTestApp({}, first.dataDir);
    try {
      const resumed = await webChatToken(second.url, { userKey: grant.userKey, conversationId: grant.conversationId });
      expect(resumed.resumed).toBe(true);
      const two = connect(second.url, { token: resumed.token, conversationId: grant.conversationId, watermark: '0' });
      await waitFor(() => (two.received.length >= before.length ? true : undefined), 'history after restart');
      expect(two.received.slice(0, before.length).map((a) => a.id)).toEqual(before.map((a) => a.id));
      await new Promise<string>((resolve, reject) => two.client.postActivity({ type: 'message', from: { id: 'u', name: '' }, text: 'après' } as never).subscribe({ next: resolve, error: reject }));
      await waitFor(() => (botTexts(two.received).length >= 3 ? true : undefined), 'reply after restart');
      await waitFor(() => (two.client as unknown as { connectionStatus$: { getValue(): number } }).connectionStatus$.getValue() === ConnectionStatus.Online || undefined, 'online');
      two.client.end();
    } finally {
      await second.stop();
    }
  });
});
