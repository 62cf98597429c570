import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const TOKEN_RATE = 12;

async function grant(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
}

describe('limits per conversation and per client, with Retry-After', () => {
  // Two servers: one straight on the internet (no trusted proxy), one behind a proxy on loopback.
  let direct: RunningApp;
  let proxied: RunningApp;
  beforeAll(async () => {
    direct = await startTestApp({ DIRECTLINE_POSTS_PER_MINUTE: '5', DIRECTLINE_STREAMS_PER_CONVERSATION: '2', WEBCHAT_TOKEN_RATE_PER_MINUTE: String(TOKEN_RATE) });
    proxied = await startTestApp({ WEBCHAT_TOKEN_RATE_PER_MINUTE: '3', TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(async () => {
    await direct?.stop();
    await proxied?.stop();
  });

  async function openConversation(): Promise<{ post: (text: string) => Promise<Response>; streamUrl: string }> {
    const { token, conversationId } = (await (await grant(direct.url)).json()) as { token: string; conversationId: string };
    const started = (await (await fetch(`${direct.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as { streamUrl: string };
    const post = (text: string) =>
      fetch(`${direct.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', from: { id: 'u' }, text }) });
    return { post, streamUrl: started.streamUrl };
  }

  it('a conversation that posts too fast gets 429 with Retry-After, and the others are not slowed', async () => {
    const flood = await openConversation();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await flood.post(`merci ${i}`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const other = await openConversation();
    expect((await other.post('merci')).status).toBe(200);
  });

  it('one conversation cannot keep more streams open than the limit', async () => {
    const { streamUrl } = await openConversation();
    const connect = () =>
      new Promise<{ ws?: WebSocket; status?: number }>((resolve) => {
        const ws = new WebSocket(streamUrl);
        ws.on('open', () => resolve({ ws }));
        ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
        ws.on('error', () => undefined);
      });
    const first = await connect();
    const second = await connect();
    const third = await connect();
    expect([!!first.ws, !!second.ws, third.status]).toEqual([true, true, 429]);
    first.ws!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await connect();
    expect(!!again.ws).toBe(true);
    second.ws!.close();
    again.ws!.close();
  });

  it('X-Forwarded-For counts only from a trusted proxy: without one, it cannot dodge the token limit', async () => {
    const statuses = [];
    for (let i = 0; i < TOKEN_RATE + 2; i++) statuses.push((await grant(direct.url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(TOKEN_RATE);
    expect(statuses.at(-1)).toBe(429);
    expect((await grant(direct.url)).headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('behind a trusted proxy, each young person has their own bucket', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await grant(proxied.url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const same = [];
    for (let i = 0; i < 4; i++) same.push((await grant(proxied.url, { 'x-forwarded-for': '198.51.100.7' })).status);
    expect(same).toEqual([200, 200, 200, 429]);
  });
});
