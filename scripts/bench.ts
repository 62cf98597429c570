import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadEvalQuestions } from '../knowledge/evaluation/eval-set.js';

/**
 * npm run bench — turn latency, throughput and server CPU per turn through the built-in Direct Line channel,
 * for Relais and, as the baseline in the same run, an echo bot that reads and writes the same state
 * (scripts/bench-server.ts). Each server runs in a process of its own and the load comes from this one, on
 * the embedded PGlite and, when the machine's PostgreSQL answers, on PostgreSQL; the order of the two bots
 * alternates between engines. Also: time from process start to /readyz, cold and warm, and peak memory.
 * A benchmark, not a test: it prints and writes a report.
 */
const CONCURRENCY = [1, 10, 50];
const TURNS_PER_LEVEL = Number(process.env.BENCH_TURNS ?? 1000);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
/** Linux counts process CPU time in clock ticks of 10 ms (USER_HZ = 100). */
const MS_PER_TICK = 10;
const TURNS_PER_CONVERSATION = 50;

interface LevelResult {
  concurrency: number;
  turns: number;
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
  errors: number;
  /** Server CPU (user + system) per turn, ms. */
  cpuMsPerTurn: number;
}

const questions = loadEvalQuestions(path.resolve('test/eval')).map((q) => q.q);
const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, turnsPerLevel: TURNS_PER_LEVEL, questions: questions.length };

const startup = await measureStartup();
report.startup = startup;

const results: Record<string, Record<string, LevelResult[]>> = {};
const peakRssMb: Record<string, number> = {};
const engines: Array<'pglite' | 'postgres'> = ['pglite', ...((await postgresAnswers()) ? (['postgres'] as const) : [])];
if (engines.length === 1) console.log(`PostgreSQL at ${POSTGRES_URL} does not answer: PGlite only.`);
for (const [e, engine] of engines.entries()) {
  results[engine] = {};
  // Alternate which bot runs first, so neither always gets the colder machine.
  for (const bot of e % 2 === 0 ? (['echo', 'relais'] as const) : (['relais', 'echo'] as const)) {
    const server = await startBenchServer(bot, engine);
    try {
      await runLevel(server.url, 1, 20); // warm-up: JIT, database pages, index in memory
      // The peak under load, not the start's (a fresh data folder's first database set-up peaks far higher).
      resetPeakRss(server.pid);
      results[engine][bot] = [];
      for (const concurrency of CONCURRENCY) {
        const cpuBefore = cpuTicks(server.pid);
        const level = await runLevel(server.url, concurrency, TURNS_PER_LEVEL);
        results[engine][bot].push({ ...level, cpuMsPerTurn: ((cpuTicks(server.pid) - cpuBefore) * MS_PER_TICK) / level.turns });
      }
      peakRssMb[`${engine} ${bot}`] = peakRssKb(server.pid) / 1024;
    } finally {
      await server.stop();
    }
  }
}
report.results = results;
report.serverPeakRssMb = peakRssMb;

printReport();
mkdirSync('data', { recursive: true });
writeFileSync('data/bench-report.json', JSON.stringify(report, null, 2));
console.log('\nReport: data/bench-report.json');

/** scripts/bench-server.ts in its own process, on a fresh data folder (and, for PostgreSQL, a fresh schema). */
async function startBenchServer(bot: 'echo' | 'relais', engine: 'pglite' | 'postgres'): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `relais-bench-${engine}-${bot}-`));
  const schema = `relais_bench_${randomUUID().replace(/-/g, '')}`;
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    await adminQuery(`create schema ${schema}`);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DIRECTLINE_SECRET: SECRET,
      INDEX_DIR: path.resolve('data/index'),
      // The load posts far faster than a person types: the per-conversation limit would answer 429 instead of turns.
      DIRECTLINE_POSTS_PER_MINUTE: '10000',
      BENCH_BOT: bot,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (http:\/\/\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server (${engine}, ${bot}) exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
      if (engine === 'postgres') await adminQuery(`drop schema ${schema} cascade`);
    },
  };
}

/** User plus system CPU time of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function postgresAnswers(): Promise<boolean> {
  return adminQuery('select 1').then(
    () => true,
    () => false,
  );
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function runLevel(url: string, concurrency: number, turns: number): Promise<Omit<LevelResult, 'cpuMsPerTurn'>> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const conversations = await Promise.all(Array.from({ length: concurrency }, () => startConversation(url)));
  const begin = performance.now();
  await Promise.all(
    conversations.map(async (first, index) => {
      let conversation = first;
      for (let inConversation = 0; next < turns; inConversation++) {
        // A conversation of a few dozen messages, as people have; a machine-speed load on one conversation for
        // the whole level would also meet the per-conversation post limit (at most 10 000 a minute).
        if (inConversation === TURNS_PER_CONVERSATION) {
          conversation = await startConversation(url);
          inConversation = 0;
        }
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

/**
 * Starts the server as `npm start` does, after its build step (compiled once here: `npm run build`), as a real
 * process, and times it to /readyz, cold (empty data) and warm.
 */
async function measureStartup(): Promise<Record<string, number>> {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-bench-start-'));
  const out: Record<string, number> = {};
  for (const run of ['cold', 'warm']) {
    const port = await freePort();
    const begin = performance.now();
    const child = spawn(process.execPath, ['dist/bot/main.js'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
      stdio: 'ignore',
    });
    let peakKb = 0;
    for (;;) {
      peakKb = Math.max(peakKb, peakRssKb(child.pid!));
      const status = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.status)
        .catch(() => 0);
      // Listening (503 "starting" or 200): the chat answers; a first start is still training the crisis classifier.
      if (status !== 0) out[`${run}StartToListeningMs`] ??= performance.now() - begin;
      if (status === 200) break;
      if (performance.now() - begin > 600_000) throw new Error('the server did not become ready within 600 s');
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

/** Linux: writing 5 to clear_refs resets the process's peak resident set (VmHWM) to its current size. */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not Linux, or not allowed: the peak then includes the start.
  }
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
  console.log(`\nStart (real process, npm start's entry point), to listening / to /readyz: cold ${startup.coldStartToListeningMs!.toFixed(0)} / ${startup.coldStartToReadyMs!.toFixed(0)} ms (index built, crisis classifier trained in the background), warm ${startup.warmStartToListeningMs!.toFixed(0)} / ${startup.warmStartToReadyMs!.toFixed(0)} ms; server peak RSS ${startup.warmServerPeakRssMb!.toFixed(0)} MB (cold ${startup.coldServerPeakRssMb!.toFixed(0)} MB)`);
  console.log(`\nTurns through the built-in Direct Line channel, server in its own process, load from this one (${TURNS_PER_LEVEL} turns per level; ms)`);
  console.log('engine    bot      conc   p50     p95     p99     turns/s  errors  cpu ms/turn  p50 vs echo  p95 vs echo');
  for (const engine of Object.keys(results)) {
    for (const bot of ['echo', 'relais'] as const) {
      for (const [i, r] of results[engine]![bot]!.entries()) {
        const base = results[engine]!.echo![i]!;
        const ratios = bot === 'relais' ? `${(r.p50 / base.p50).toFixed(2)}×`.padEnd(13) + `${(r.p95 / base.p95).toFixed(2)}×` : '';
        console.log(`${engine.padEnd(9)} ${bot.padEnd(8)} ${String(r.concurrency).padEnd(6)} ${r.p50.toFixed(1).padEnd(7)} ${r.p95.toFixed(1).padEnd(7)} ${r.p99.toFixed(1).padEnd(7)} ${r.throughput.toFixed(0).padEnd(8)} ${String(r.errors).padEnd(7)} ${r.cpuMsPerTurn.toFixed(2).padEnd(12)} ${ratios}`);
      }
    }
  }
  console.log(`\nServer peak RSS during the load, after the warm-up (MB): ${Object.entries(peakRssMb).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
}
