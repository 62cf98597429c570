import { connect as connectTcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, MAX_RAW_LENGTH, readIncoming } from '../../dialogs/conversation/incoming-message.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

/** What an anonymous visitor can do without any secret: get a token for a new conversation and start it. */
async function openConversation(url: string): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
  const grant = (await res.json()) as { token: string; conversationId: string };
  const started = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${grant.token}` } });
  expect(started.status).toBeLessThan(300);
  return grant;
}

/**
 * Sends a WebSocket upgrade request byte for byte (no client library checks the path) and returns the status of
 * the HTTP answer, or 'closed' when the server closed the socket without answering.
 */
function rawUpgrade(url: string, target: string, options: { reset?: boolean } = {}): Promise<number | 'closed'> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(port), hostname);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to the upgrade of ${target}`));
    }, 10_000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      // A 101 keeps the socket open: the status line is enough.
      if (/^HTTP\/1\.1 101 /.test(answer)) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.[01] (\d{3}) /.exec(answer)?.[1];
      resolve(status ? Number(status) : 'closed');
    });
    socket.on('connect', () => {
      socket.write(
        [
          `GET ${target} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          '',
          '',
        ].join('\r\n'),
      );
      if (options.reset) socket.resetAndDestroy();
    });
  });
}

/** Times one /healthz probe. */
async function probeHealth(url: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const res = await fetch(`${url}/healthz`);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - start };
}

async function expectHealthy(url: string): Promise<void> {
  const probe = await probeHealth(url);
  expect(probe.status).toBe(200);
  expect(probe.ms).toBeLessThan(1000);
}

describe('readIncoming on adversarial text', () => {
  const adversarial: Array<[string, string]> = [
    ['"<a" 500 000 times (a tag that never ends)', '<a'.repeat(500_000)],
    ['"<script>" 100 000 times (script elements never closed)', '<script>'.repeat(100_000)],
    ['"<style><script>" never closed', '<style><script>'.repeat(70_000)],
    ['"</a" then one ">" at the very end', `${'</a'.repeat(350_000)}>`],
  ];
  it.each(adversarial)('reads 1 MB of %s in well under a second', (_name, text) => {
    const start = performance.now();
    readIncoming({ type: 'message', text });
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('still reads markup as before: code elements and tags stripped, entities decoded, invisible characters removed', () => {
    expect(readIncoming({ type: 'message', text: '<script>alert(1)</script>merci' })).toEqual({ kind: 'text', text: 'merci', truncated: false, hadAttachments: false });
    expect(readIncoming({ type: 'message', text: '<STYLE a="1">p{}</style >\u200b<b>service&nbsp;civique</b> &amp; <i>css</i>' })).toMatchObject({ kind: 'text', text: 'service civique & css' });
    expect(readIncoming({ type: 'message', text: '<script>alert(1)<b>merci</b>' })).toMatchObject({ kind: 'text', text: 'alert(1) merci' });
    expect(readIncoming({ type: 'message', text: 'a < b et c > d <a' })).toMatchObject({ kind: 'text', text: 'a < b et c > d <a' });
    expect(readIncoming({ type: 'message', text: '<p></p>' })).toEqual({ kind: 'empty' });
    expect(readIncoming({ type: 'message', text: '<p>😭🙏</p>' })).toEqual({ kind: 'emoji-only', text: '😭🙏' });
    expect(readIncoming({ type: 'message', text: '', attachments: [{ contentType: 'image/png' }] })).toEqual({ kind: 'attachments-only' });
  });

  it('says a huge message was cut, even when the part it reads is short once its markup is gone', () => {
    const huge = readIncoming({ type: 'message', text: 'c quoi le service civique '.repeat(40_000) });
    expect(huge).toMatchObject({ kind: 'text', truncated: true });
    expect(huge.kind === 'text' && huge.text.length).toBe(MAX_MESSAGE_LENGTH);
    const mostlyMarkup = readIncoming({ type: 'message', text: `service civique ${'<b></b>'.repeat(MAX_RAW_LENGTH)} la suite` });
    expect(mostlyMarkup).toEqual({ kind: 'text', text: 'service civique', truncated: true, hadAttachments: false });
  });
});

describe('a public server under abuse', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
    // Start-up is not what the /healthz probes here are about.
    await running.app.ready;
  });
  afterAll(async () => running.stop());

  it('answers malformed or unauthorized stream upgrades with an HTTP error, and keeps serving', async () => {
    const { token, conversationId } = await openConversation(running.url);
    const other = await openConversation(running.url);
    const stream = (id: string, query = '') => `/v3/directline/conversations/${id}/stream${query}`;
    const refused: Array<[string, number]> = [
      [stream('%E0%A4%A'), 400],
      [stream('%E0%A4%A', `?t=${token}`), 400],
      [stream('%00'), 400],
      [stream('%00', `?t=${token}`), 400],
      [stream(conversationId), 403],
      [stream(conversationId, '?t=not-a-token'), 403],
      [stream(conversationId, '?t=%ZZ'), 403],
      [stream(conversationId, `?t=${other.token}`), 403],
      ['http://[/v3/directline/conversations/x/stream', 400],
      ['/nothing-to-upgrade-here', 404],
    ];
    for (const [target, status] of refused) {
      expect(await rawUpgrade(running.url, target), target).toBe(status);
      await expectHealthy(running.url);
    }
    // The right token still opens the stream.
    expect(await rawUpgrade(running.url, stream(conversationId, `?t=${encodeURIComponent(token)}`))).toBe(101);
    await expectHealthy(running.url);
  });

  it('survives clients that reset the connection in the middle of an upgrade', async () => {
    const { token, conversationId } = await openConversation(running.url);
    for (const target of ['/v3/directline/conversations/%E0%A4%A/stream', `/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`, '/v3/directline/conversations/x/stream']) {
      await rawUpgrade(running.url, target, { reset: true });
    }
    // Let the server see the resets and run its checks for the dropped sockets.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectHealthy(running.url);
  });

  const hugeMessages: Array<[string, string]> = [
    ['"<a" repeated (a tag that never ends)', '<a'.repeat(500_000)],
    ['unclosed <script> elements followed by words', '<script>merci '.repeat(70_000)],
  ];
  it.each(hugeMessages)('keeps /healthz under a second while a ~1 MB message of %s is handled, and answers it', async (_name, text) => {
    const { token, conversationId } = await openConversation(running.url);
    const body = JSON.stringify({ type: 'message', from: { id: 'x' }, text });
    expect(Buffer.byteLength(body)).toBeGreaterThan(950_000);
    expect(Buffer.byteLength(body)).toBeLessThan(1_048_576);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    let done = false;
    const posting = fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body }).finally(() => {
      done = true;
    });
    const probes: number[] = [];
    // Probe during the whole handling, then a few times more.
    for (let after = 0; after < 3; after += done ? 1 : 0) {
      const probe = await probeHealth(running.url);
      expect(probe.status).toBe(200);
      probes.push(probe.ms);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const posted = await posting;
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    expect(Math.max(...probes), `healthz probes (ms): ${probes.map((ms) => ms.toFixed(0)).join(', ')}`).toBeLessThan(1000);

    const page = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const { activities } = (await page.json()) as { activities: Array<{ replyToId?: string; text?: string; from: { role?: string } }> };
    const replies = activities.filter((a) => a.from.role === 'bot' && a.replyToId === id).map((a) => a.text ?? '');
    expect(replies.join('\n')).toMatch(/très long/);
  });

  it('refuses a message body over the 1 MiB limit with a 4xx, and keeps serving', async () => {
    const { token, conversationId } = await openConversation(running.url);
    const res = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '<a'.repeat(1_000_000) }),
    });
    await res.arrayBuffer().catch(() => undefined);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await expectHealthy(running.url);
  });
});
