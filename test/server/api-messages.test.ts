import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const activity = {
  type: 'message',
  id: 'a-1',
  text: 'bonjour',
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:9/',
  deliveryMode: 'expectReplies',
  from: { id: 'user-1', name: 'x', role: 'user' },
  recipient: { id: 'bot', name: 'Relais' },
  conversation: { id: 'conv-1' },
};

describe('/api/messages with a real server', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('when no app id is configured, an anonymous activity gets the reply in French in the HTTP body', async () => {
    running = await startTestApp();
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ text: string }> };
    expect(body.activities.length).toBeGreaterThan(0);
    expect(body.activities[0]!.text).toMatch(/[éèà]|merci|tu /i);
  });

  it('when an app id is configured, a request without a Bot Framework token is refused', async () => {
    running = await startTestApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-password' });
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
  });

  it('with an app id: no token is a 401, and unreachable signing keys are a 503 with Retry-After, never the network error', async () => {
    // This machine has no route to login.botframework.com: the keys cannot be fetched.
    running = await startTestApp({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'p'.repeat(20), HOST: '127.0.0.1' });
    const post = (authorization?: string) =>
      fetch(`${running!.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ ...activity, channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/' }) });
    const none = await post();
    expect(none.status).toBe(401);
    const forged = ['eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyIsInR5cCI6IkpXVCJ9', 'eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1In0', 'c2ln'].join('.');
    const unreachable = await post(`Bearer ${forged}`);
    expect(unreachable.status).toBe(503);
    expect(unreachable.headers.get('retry-after')).toBe('30');
    expect(await unreachable.text()).not.toMatch(/ENOTFOUND|getaddrinfo|login\.botframework|\n\s+at /);
  });

  it('when running in production without an app id, /api/messages is refused but the built-in channel works', async () => {
    running = await startTestApp({ NODE_ENV: 'production', DIRECTLINE_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://relais.example' });
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(403);
    const token = await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(token.status).toBe(200);
  });

  it('when no app id is configured, the server listens on loopback only', async () => {
    running = await startTestApp();
    expect(new URL(running.url).hostname).toBe('127.0.0.1');
  });

  it('health and readiness answer', async () => {
    running = await startTestApp();
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    // Which content is served, and no failed reload (an editor's change that could not be loaded would show here).
    const body = (await ready.json()) as { knowledge: { contentHash: string; reloadFailed?: unknown } };
    expect(body.knowledge.contentHash).toMatch(/^[0-9a-f]{12}$/);
    expect(body.knowledge.reloadFailed).toBeUndefined();
  });

  it('when a page asks for too many tokens, it is rate-limited', async () => {
    running = await startTestApp({ WEBCHAT_TOKEN_RATE_PER_MINUTE: '6' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses[0]).toBe(200);
  });

  it('the web page is served with Web Chat from the server itself, and never contains the secret', async () => {
    running = await startTestApp({ DIRECTLINE_SECRET: 's'.repeat(40) });
    const page = await (await fetch(`${running.url}/`)).text();
    expect(page).not.toMatch(/cdn|unpkg|jsdelivr/i);
    expect(page).not.toContain('s'.repeat(40));
    const config = JSON.parse(/<script id="relais-config" type="application\/json">(.*?)<\/script>/.exec(page)![1]!) as { webChatUrl: string };
    expect(config.webChatUrl).toMatch(/^\/static\/[0-9a-f]{12}\/webchat\.js$/);
    // Sent compressed once (Brotli when the browser takes it), cached for good under its versioned address.
    const bundle = await fetch(`${running.url}${config.webChatUrl}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-encoding')).toBe('br');
    expect(Number(bundle.headers.get('content-length'))).toBeLessThan(1_000_000);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect((await bundle.text()).length).toBeGreaterThan(3_000_000);
    expect((await fetch(`${running.url}/static/000000000000/webchat.js`)).status).toBe(404);
    expect((await fetch(`${running.url}/static/constructor`)).status).toBe(404);
  });
});
