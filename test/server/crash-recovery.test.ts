import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_INDEX_DIR } from '../support/test-app.js';

const SECRET = 'crash-test-secret-0123456789abcdef0123';

/** Relais as `npm start` runs it, in its own process, so it can be killed with SIGKILL. */
async function startRelais(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, INDEX_DIR: TEST_INDEX_DIR, DIRECTLINE_SECRET: SECRET, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Relais did not start:\n${out.slice(-2000)}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /"url":"(http:\/\/[^"]+)".*Relais is ready/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`Relais exited with ${code}:\n${out.slice(-2000)}`)));
  });
  return { child, url };
}

describe('a message accepted before a crash', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-crash-'));
  const children: ChildProcess[] = [];
  let stuckModel: Server | undefined;
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    stuckModel?.closeAllConnections();
    stuckModel?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is answered after a kill -9 and a restart, once', async () => {
    // A model that never answers keeps the turn in progress, so the kill lands between "stored" and "answered".
    let modelCalled!: () => void;
    const modelWasCalled = new Promise<void>((resolve) => (modelCalled = resolve));
    stuckModel = createServer(() => modelCalled());
    await new Promise<void>((resolve) => stuckModel!.listen(0, '127.0.0.1', resolve));
    const modelUrl = `http://127.0.0.1:${(stuckModel.address() as AddressInfo).port}/v1`;

    const first = await startRelais(dataDir, { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: modelUrl, OPENAI_TIMEOUT_MS: '60000' });
    children.push(first.child);
    const grant = (await (await fetch(`${first.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' };
    await fetch(`${first.url}/v3/directline/conversations`, { method: 'POST', headers });
    const question = 'c koi le service civique';
    void fetch(`${first.url}/v3/directline/conversations/${grant.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: 'u' }, text: question }) }).catch(() => undefined);
    await modelWasCalled;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startRelais(dataDir);
    children.push(second.child);
    let activities: Array<{ text?: string; from: { role?: string } }> = [];
    for (let i = 0; i < 100 && !activities.some((a) => a.from.role === 'bot' && /Source :/.test(a.text ?? '')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const page = (await (await fetch(`${second.url}/v3/directline/conversations/${grant.conversationId}/activities?watermark=0`, { headers })).json()) as { activities: typeof activities };
      activities = page.activities;
    }
    expect(activities.filter((a) => a.text === question)).toHaveLength(1);
    expect(activities.filter((a) => a.from.role === 'bot' && /Source :/.test(a.text ?? ''))).toHaveLength(1);
    second.child.kill('SIGTERM');
  }, 240_000);

  it('a stop lets the turn in progress finish and answer before the server and the database close', async () => {
    // A slow model: the turn is still running when the stop is asked for.
    let modelCalled!: () => void;
    const modelWasCalled = new Promise<void>((resolve) => (modelCalled = resolve));
    const slowModel = createServer((_req, res) => {
      modelCalled();
      setTimeout(() => {
        res.statusCode = 500;
        res.end();
      }, 1500);
    });
    await new Promise<void>((resolve) => slowModel.listen(0, '127.0.0.1', resolve));
    const running = await startTestApp({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: `http://127.0.0.1:${(slowModel.address() as AddressInfo).port}/v1`, OPENAI_TIMEOUT_MS: '10000' });
    const grant = (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' };
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers });
    const posted = fetch(`${running.url}/v3/directline/conversations/${grant.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: 'u' }, text: 'c koi le service civique' }) });
    await modelWasCalled;
    const stopped = running.stop({ keepData: true });
    expect((await posted).status).toBe(200);
    await stopped;
    slowModel.close();
    // Reopened on the same data: the reply was stored before the database closed.
    const again = await startTestApp({}, running.dataDir);
    const { activities } = (await (await fetch(`${again.url}/v3/directline/conversations/${grant.conversationId}/activities?watermark=0`, { headers })).json()) as { activities: Array<{ text?: string; from: { role?: string } }> };
    await again.stop();
    expect(activities.filter((a) => a.from.role === 'bot' && /Source :/.test(a.text ?? ''))).toHaveLength(1);
  }, 120_000);
});
