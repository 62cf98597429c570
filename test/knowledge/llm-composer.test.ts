import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';

/** What the test's OpenAI-compatible server does with the next chat completion. */
type Behaviour = { reply: string } | { status: number } | { delayMs: number; reply: string };

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol (POST /v1/chat/completions),
 * scripted per test: the code under test talks to it through @langchain/openai like to any endpoint.
 */
function startOpenAiCompatibleServer(): Promise<{ server: Server; url: string; next: (...b: Behaviour[]) => void; requests: Array<{ model: string; messages: Array<{ role: string; content: string }> }> }> {
  // Each request takes the next behaviour; the last one stays for the requests after it.
  let behaviours: Behaviour[] = [{ reply: 'JE_NE_SAIS_PAS' }];
  const requests: Array<{ model: string; messages: Array<{ role: string; content: string }> }> = [];
  const body = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return JSON.parse(raw) as (typeof requests)[number];
  };
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request = await body(req);
      requests.push(request);
      const current = behaviours.length > 1 ? behaviours.shift()! : behaviours[0]!;
      if ('status' in current) {
        res.writeHead(current.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
        return;
      }
      if ('delayMs' in current) await new Promise((r) => setTimeout(r, current.delayMs));
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content: current.reply }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, next: (...b) => (behaviours = b), requests })),
  );
}

describe('answers rewritten by an OpenAI-compatible model, checked by code', () => {
  let dir: string;
  let kb: KnowledgeBase;
  let endpoint: Awaited<ReturnType<typeof startOpenAiCompatibleServer>>;
  const QUESTION = "g pa de garan pour l'appart";

  beforeAll(async () => {
    endpoint = await startOpenAiCompatibleServer();
    dir = mkdtempSync(path.join(tmpdir(), 'relais-llm-'));
    cpSync(path.resolve('test/fixtures/knowledge'), path.join(dir, 'knowledge'), { recursive: true });
    kb = await KnowledgeBase.open({
      knowledgeDir: path.join(dir, 'knowledge'),
      indexDir: path.join(dir, 'index'),
      llm: { apiKey: 'test-key', baseUrl: endpoint.url, model: 'test-model', timeoutMs: 800 },
    });
  });
  afterAll(() => {
    kb.close();
    endpoint.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the model only the retrieved entries, and keeps a grounded answer with its sources', async () => {
    endpoint.next({ reply: "Visale sert de garant gratuit si tu as entre 18 et 30 ans [fixture-visale]. Le loyer peut aller jusqu'à 1 500 € en Île-de-France [fixture-visale]." });
    const answer = await kb.answer(QUESTION);
    expect(answer.composedBy).toBe('llm');
    expect(answer.text).toContain('garant gratuit');
    expect(answer.text).toMatch(/Sources.*Service-Public\.fr.*vérifié le 22\/11\/2026/s);
    expect(answer.citations.map((c) => c.entryId)).toEqual(['fixture-visale']);
    const prompt = endpoint.requests.at(-1)!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('[fixture-visale]');
    expect(prompt).toContain(QUESTION);
  });

  it.each<[string, Behaviour]>([
    ['invents a phone number', { reply: 'Appelle le 01 23 45 67 89 pour Visale [fixture-visale].' }],
    ['invents an amount', { reply: 'Visale couvre un loyer de 2 000 € [fixture-visale].' }],
    ['cites an entry that was not retrieved', { reply: 'Visale est gratuite [garantie-inventee].' }],
    ['cites nothing', { reply: 'Visale est gratuite pour les jeunes.' }],
    ['says it does not know', { reply: 'JE_NE_SAIS_PAS' }],
    ['answers with an HTTP 500', { status: 500 }],
  ])('falls back to the extractive answer when the model %s', async (_case, behaviour) => {
    endpoint.next(behaviour);
    const answer = await kb.answer(QUESTION);
    expect(answer.composedBy).toBe('extractive');
    expect(answer.text).toContain('Visale est une caution gratuite pour les 18-30 ans.');
    expect(answer.text).not.toMatch(/01 23 45 67 89|2 000/);
  });

  it('rewrites a question the search did not understand, searches again, and answers with checked citations', async () => {
    const garbled = 'jsp koi fer';
    endpoint.next({ reply: 'JE_NE_SAIS_PAS' });
    const before = await kb.answer(garbled);
    expect(before.confident).toBe(false);

    endpoint.next({ reply: "Je n'ai pas de garant pour louer un appartement : qui peut se porter caution pour moi ?" }, { reply: 'Visale peut être ton garant, gratuitement [fixture-visale].' });
    const answer = await kb.answer(garbled);
    expect(answer.confident).toBe(true);
    expect(answer.entry?.id).toBe('fixture-visale');
    expect(answer.citations.map((c) => c.entryId)).toEqual(['fixture-visale']);
    expect(endpoint.requests.at(-2)!.messages.map((m) => m.content).join('\n')).toContain(garbled);
  });

  it('keeps "not sure" when the rewrite fails', async () => {
    endpoint.next({ status: 500 });
    const answer = await kb.answer('jsp koi fer');
    expect(answer.confident).toBe(false);
  });

  it('falls back to the extractive answer when the model is too slow, without waiting for it', async () => {
    endpoint.next({ delayMs: 5000, reply: 'Visale est gratuite [fixture-visale].' });
    const begin = Date.now();
    const answer = await kb.answer(QUESTION);
    expect(answer.composedBy).toBe('extractive');
    expect(Date.now() - begin).toBeLessThan(4000);
  });
});
