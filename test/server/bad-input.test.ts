import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';

/**
 * What anyone on the internet can send: every case must get an answer below 500, with a short JSON error and
 * no stack, and the server must keep working afterwards.
 */
interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83db', '\ud83d\ud83d'];
const NASTY_STRINGS = ['\u0000', 'a\u0000b', ...LONE_SURROGATES, '\u202e', '\ufeff', '\u{10ffff}', '%00', '%E0%A4%A', '../../etc/passwd', '<script>alert(1)</script>', '{{7*7}}', '${7*7}', "' or 1=1 --", '\\', '"', 'x'.repeat(70_000)];
const ODD_VALUES: unknown[] = [null, true, 0, -1, 1e309, 2 ** 31 + 1, 9007199254740993, [], {}, [[[]]], '', ' ', { $gt: '' }, { __proto__: { admin: true } }, { constructor: { prototype: {} } }];

function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function cases(token: string, conversationId: string): Case[] {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const activities = `/v3/directline/conversations/${conversationId}/activities`;
  const post = (name: string, body: string, headers: Record<string, string> = auth): Case => ({ name, method: 'POST', path: activities, headers, body });
  const list: Case[] = [];
  // Message text and fields with every nasty string.
  for (const [i, text] of NASTY_STRINGS.entries()) {
    list.push(post(`text nasty ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text })));
    list.push(post(`id nasty ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'salut', id: text })));
    list.push(post(`channelData nasty ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'salut', channelData: { clientActivityID: text } })));
    list.push(post(`locale nasty ${i}`, JSON.stringify({ type: 'message', from: { id: text }, text: 'salut', locale: text })));
    list.push(post(`type nasty ${i}`, JSON.stringify({ type: text, from: { id: 'u' } })));
    list.push(post(`attachment nasty ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, attachments: [{ contentType: text, contentUrl: text, name: text }] })));
    list.push(post(`value nasty ${i}`, JSON.stringify({ type: 'event', name: text, value: text, from: { id: 'u' } })));
  }
  // Odd JSON values where objects or strings are expected.
  for (const [i, value] of ODD_VALUES.entries()) {
    list.push(post(`whole body odd ${i}`, JSON.stringify(value)));
    list.push(post(`text odd ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text: value })));
    list.push(post(`from odd ${i}`, JSON.stringify({ type: 'message', from: value, text: 'salut' })));
    list.push(post(`attachments odd ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'salut', attachments: value })));
    list.push(post(`entities odd ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'salut', entities: value, suggestedActions: value })));
    list.push(post(`channelData odd ${i}`, JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'salut', channelData: value })));
    list.push({ name: `watermark odd ${i}`, method: 'GET', path: `${activities}?watermark=${encodeURIComponent(String(value))}`, headers: auth });
  }
  // Malformed bodies.
  for (const [name, body] of [
    ['not json', '{"type":'],
    ['deep json', deepJson(10_000)],
    ['deep array', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['wide json', JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])))],
    ['utf-16 garbage', '\xff\xfe{\x00'],
    ['empty', ''],
    ['nul bytes', '\u0000\u0000'],
  ] as const) {
    list.push(post(`body ${name}`, body));
    list.push({ name: `token route ${name}`, method: 'POST', path: '/api/webchat/token', headers: { 'content-type': 'application/json' }, body });
    list.push({ name: `start ${name}`, method: 'POST', path: '/v3/directline/conversations', headers: auth, body });
  }
  list.push(post('wrong content type', 'type=message', { authorization: auth.authorization, 'content-type': 'application/x-www-form-urlencoded' }));
  list.push(post('no content type', JSON.stringify({ type: 'message', text: 'salut' }), { authorization: auth.authorization }));
  // Conversation ids, watermarks and tokens in the URL.
  for (const id of ['%00', '%E0%A4%A', 'x'.repeat(5000), '..', '%2e%2e', 'constructor', '__proto__', '%F0%9F%98%80', 'a%0Ab', 'a b']) {
    list.push({ name: `get conversation ${id.slice(0, 12)}`, method: 'GET', path: `/v3/directline/conversations/${id}`, headers: auth });
    list.push({ name: `get activities ${id.slice(0, 12)}`, method: 'GET', path: `/v3/directline/conversations/${id}/activities`, headers: auth });
    list.push({ name: `post activity ${id.slice(0, 12)}`, method: 'POST', path: `/v3/directline/conversations/${id}/activities`, headers: auth, body: '{"type":"message","text":"a"}' });
    list.push({ name: `upload ${id.slice(0, 12)}`, method: 'POST', path: `/v3/directline/conversations/${id}/upload`, headers: { authorization: auth.authorization } });
  }
  for (const bad of ['', 'Bearer', 'Bearer ', `Bearer ${token}x`, `Bearer ${'a'.repeat(10_000)}`, 'Basic YTpi', `bearer ${token}`]) {
    list.push({ name: `authorization ${bad.slice(0, 15)}`, method: 'POST', path: activities, headers: { authorization: bad, 'content-type': 'application/json' }, body: '{"type":"message","text":"a"}' });
  }
  // Uploads: a bad activity part, odd parts, no parts.
  const upload = (name: string, form: FormData): Case => ({ name, method: 'POST', path: `/v3/directline/conversations/${conversationId}/upload?userId=u`, headers: { authorization: auth.authorization }, body: form });
  for (const [name, activity] of [['activity not json', '{"type":'], ['activity deep', deepJson(10_000)], ['activity array', '[]'], ['activity null', 'null'], ['activity number', '42']] as const) {
    const form = new FormData();
    form.append('activity', new Blob([activity], { type: 'application/vnd.microsoft.activity' }), 'blob');
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'photo.png');
    list.push(upload(`upload ${name}`, form));
  }
  const empty = new FormData();
  list.push(upload('upload nothing', empty));
  list.push({ name: 'upload not multipart', method: 'POST', path: `/v3/directline/conversations/${conversationId}/upload`, headers: { authorization: auth.authorization, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nnope' });
  // Static files and pages by odd names.
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '%00', '..%2f..%2fpackage.json', 'chat.js%00', 'a'.repeat(3000)]) {
    list.push({ name: `static ${name.slice(0, 12)}`, method: 'GET', path: `/static/${name}` });
    list.push({ name: `static hashed ${name.slice(0, 12)}`, method: 'GET', path: `/static/${name}/chat.js` });
    list.push({ name: `console ${name.slice(0, 12)}`, method: 'GET', path: `/console/api/cases/${name}` });
  }
  // The console's API without a session, with odd bodies.
  for (const [i, value] of ODD_VALUES.entries()) {
    list.push({ name: `console login odd ${i}`, method: 'POST', path: '/console/api/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
    list.push({ name: `console login fields odd ${i}`, method: 'POST', path: '/console/api/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: value, password: value }) });
  }
  list.push({ name: 'console login deep', method: 'POST', path: '/console/api/login', headers: { 'content-type': 'application/json' }, body: deepJson(10_000) });
  // /api/messages on loopback without an app id.
  for (const [i, value] of ODD_VALUES.entries()) {
    list.push({ name: `api messages odd ${i}`, method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  }
  list.push({ name: 'api messages deep', method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: deepJson(10_000) });
  list.push({ name: 'api messages nul', method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: '\u0000\ud800', serviceUrl: 'http://127.0.0.1:9/', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }) });
  // Unknown routes and methods.
  for (const [method, path] of [['DELETE', '/v3/directline/conversations'], ['PUT', '/'], ['PATCH', '/api/webchat/token'], ['GET', '/api/messages'], ['GET', '/%'], ['GET', '/v3/directline/%']] as const) {
    list.push({ name: `${method} ${path}`, method, path });
  }
  return list;
}

describe('bad input over HTTP', () => {
  let running: RunningApp;
  let token = '';
  let conversationId = '';

  beforeAll(async () => {
    // The per-conversation post limit is tested on its own (limits.test.ts); here every bad request must be read.
    running = await startTestApp({ DIRECTLINE_POSTS_PER_MINUTE: '10000' });
    const grant = (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    token = grant.token;
    conversationId = grant.conversationId;
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('answers each of at least 200 bad requests below 500, with no stack in the body, and keeps working', async () => {
    const all = cases(token, conversationId);
    expect(all.length).toBeGreaterThanOrEqual(200);
    const failures: string[] = [];
    for (const c of all) {
      const res = await fetch(`${running.url}${c.path}`, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined }).catch((error: unknown) => ({ status: 0, text: async () => String(error) }));
      const body = await res.text();
      if (res.status >= 500 || res.status === 0 || /\n\s+at /.test(body)) failures.push(`${c.name} (${c.method} ${c.path.slice(0, 60)}): ${res.status} ${body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    // Still serving: a real message gets its reply.
    const posted = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'merci' }),
    });
    expect(posted.status).toBe(200);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('the same client id posted three times is one message and one reply (a retry after a lost answer)', async () => {
    const grant = (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' };
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers });
    const base = `${running.url}/v3/directline/conversations/${grant.conversationId}/activities`;
    for (const [key, body] of [
      ['id', { type: 'message', from: { id: 'u' }, text: 'c koi le service civique', id: 'client-42' }],
      ['clientActivityID', { type: 'message', from: { id: 'u' }, text: 'merci', channelData: { clientActivityID: 'web-7' } }],
    ] as const) {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(((await (await fetch(base, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as { id: string }).id);
      expect(new Set(ids).size, key).toBe(1);
    }
    const { activities } = (await (await fetch(`${base}?watermark=0`, { headers })).json()) as { activities: Array<{ from: { role?: string }; text?: string; replyToId?: string }> };
    expect(activities.filter((a) => a.text === 'c koi le service civique')).toHaveLength(1);
    expect(activities.filter((a) => a.text === 'merci')).toHaveLength(1);
    const replies = activities.filter((a) => a.from.role === 'bot');
    expect(replies.filter((a) => /Source :/.test(a.text ?? ''))).toHaveLength(1);
  });

  it('builds the stream address from PUBLIC_URL, or a loopback host, never from any Host header', async () => {
    const grant = (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
    const { request } = await import('node:http');
    const started = await new Promise<{ streamUrl: string }>((resolve, reject) => {
      const req = request(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}`, host: 'evil.example' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(JSON.parse(body) as { streamUrl: string }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(started.streamUrl).toMatch(/^ws:\/\/localhost:\d+\/v3\/directline\/conversations\//);
    expect(started.streamUrl).not.toContain('evil.example');
  });
});
