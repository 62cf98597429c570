import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRelais, type TurnLogic } from '../bot/app.js';
import { parseSettings } from '../bot/config/settings.js';
import { createLogger } from '../bot/logging/logger.js';
import { loadEvalQuestions } from '../knowledge/evaluation/eval-set.js';

/**
 * npm run bench — turn latency and throughput through the built-in Direct Line channel, for the full
 * conversation pipeline and, as the baseline in the same run, an echo bot on the same server stack;
 * time from process start to /readyz; peak memory. A benchmark, not a test: it prints and writes a report.
 */
const CONCURRENCY = [1, 10, 50];
const TURNS_PER_LEVEL = Number(process.env.BENCH_TURNS ?? 300);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const echo: TurnLogic = async (context) => {
  if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
};

interface LevelResult {
  concurrency: number;
  turns: number;
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
  errors: number;
}

const questions = loadEvalQuestions(path.resolve('test/eval')).map((q) => q.q);
const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, turnsPerLevel: TURNS_PER_LEVEL, questions: questions.length };

const startup = await measureStartup();
report.startup = startup;

const results: Record<string, LevelResult[]> = {};
for (const [name, logic] of [
  ['echo', echo],
  ['relais', undefined],
] as const) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `relais-bench-${name}-`));
  // The load posts far faster than a person types: the per-conversation limit would answer 429 instead of turns.
  const settings = parseSettings({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DIRECTLINE_SECRET: SECRET, INDEX_DIR: path.resolve('data/index'), DIRECTLINE_POSTS_PER_MINUTE: '10000' });
  const app = await createRelais(settings, { logger: createLogger('silent'), logic });
  const url = await app.listen();
  await app.ready;
  await runLevel(url, 1, 20); // warm-up: JIT, database pages, index in memory
  results[name] = [];
  for (const concurrency of CONCURRENCY) results[name].push(await runLevel(url, concurrency, TURNS_PER_LEVEL));
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
report.results = results;
report.benchProcessPeakRssMb = process.resourceUsage().maxRSS / 1024;

printReport();
mkdirSync('data', { recursive: true });
writeFileSync('data/bench-report.json', JSON.stringify(report, null, 2));
console.log('\nReport: data/bench-report.json');

async function runLevel(url: string, concurrency: number, turns: number): Promise<LevelResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const conversations = await Promise.all(Array.from({ length: concurrency }, () => startConversation(url)));
  const begin = performance.now();
  await Promise.all(
    conversations.map(async (conversation, index) => {
      while (next < turns) {
        const turn = next++;
        const text = questions[(turn * 7 + index) % questions.length]!;
        const t0 = performance.now();
        const res = await fetch(`${url}/v3/directline/conversations/${conversation.id}/activities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${conversation.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: { id: 'bench' }, text }),
        }).catch(() => undefined);
        // The channel answers once the bot's replies are stored and streamed: this is the turn's latency.
        if (!res || res.status !== 200) errors += 1;
        await res?.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { concurrency, turns: latencies.length, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), throughput: latencies.length / seconds, errors };
}

async function startConversation(url: string): Promise<{ id: string; token: string }> {
  const res = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
  const body = (await res.json()) as { conversationId: string; token: string };
  return { id: body.conversationId, token: body.token };
}

/** Starts `npm start`'s entry point as a real process and times it to /readyz, cold (empty data) and warm. */
async function measureStartup(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-bench-start-'));
  const out: Record<string, number> = {};
  for (const run of ['cold', 'warm']) {
    const port = await freePort();
    const begin = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
      stdio: 'ignore',
    });
    let peakKb = 0;
    for (;;) {
      peakKb = Math.max(peakKb, peakRssKb(child.pid!));
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      if (performance.now() - begin > 120_000) throw new Error('the server did not become ready within 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    out[`${run}StartToReadyMs`] = performance.now() - begin;
    out[`${run}ServerPeakRssMb`] = Math.max(peakKb, peakRssKb(child.pid!)) / 1024;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
  return out;
}

function peakRssKb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function printReport(): void {
  console.log(`\nStart to /readyz (real process, npm start's entry point): cold ${startup.coldStartToReadyMs!.toFixed(0)} ms (index built), warm ${startup.warmStartToReadyMs!.toFixed(0)} ms; server peak RSS ${startup.warmServerPeakRssMb!.toFixed(0)} MB (cold ${startup.coldServerPeakRssMb!.toFixed(0)} MB)`);
  console.log(`\nTurn latency through the built-in Direct Line channel (${TURNS_PER_LEVEL} turns per level; ms)`);
  console.log('bot      conc   p50     p95     p99     turns/s  errors   p50 vs echo');
  for (const name of ['echo', 'relais']) {
    for (const [i, r] of results[name]!.entries()) {
      const ratio = name === 'relais' ? `${(r.p50 / results.echo![i]!.p50).toFixed(2)}×` : '';
      console.log(`${name.padEnd(8)} ${String(r.concurrency).padEnd(6)} ${r.p50.toFixed(1).padEnd(7)} ${r.p95.toFixed(1).padEnd(7)} ${r.p99.toFixed(1).padEnd(7)} ${r.throughput.toFixed(0).padEnd(8)} ${String(r.errors).padEnd(8)} ${ratio}`);
    }
  }
  console.log(`\nBench process peak RSS (both in-process servers): ${(report.benchProcessPeakRssMb as number).toFixed(0)} MB`);
}
