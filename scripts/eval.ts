import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../bot/config/settings.js';
import { CrisisDetector } from '../dialogs/safety/crisis-detector.js';
import { loadOrTrainCrisisModel, SAFETY_CORPORA_DIR } from '../dialogs/safety/crisis-model-store.js';
import { loadEvalQuestions, loadSafetyCorpora, rankingScores, type EvalQuestion } from '../knowledge/evaluation/eval-set.js';
import { answerDecision, SERIOUS_CONFIDENCE_THRESHOLD } from '../knowledge/answer/answer-policy.js';
import { CONFIDENCE_THRESHOLD, KnowledgeBase } from '../knowledge/knowledge-base.js';
import { knowledgeOptionsFrom } from '../knowledge/knowledge-options.js';
import { LEXICAL_WEIGHT, RANKER_CONFIDENCE_WEIGHT, RANKER_WEIGHT, type RetrievalMode } from '../knowledge/search/hybrid-retriever.js';

/**
 * npm run eval — retrieval quality of the project's hybrid search against lexical-only and vector-only on
 * the labelled question set, the calibration of the confidence threshold, and the crisis detector's recall
 * and false-alarm rate. A measurement, not a test: it prints figures and lists the misses.
 */
const settings = loadSettings();
const kb = await KnowledgeBase.open(knowledgeOptionsFrom(settings));
const questions = loadEvalQuestions(path.resolve('test/eval'));
const unknown = [...new Set(questions.flatMap((q) => q.expect).filter((id) => !kb.entry(id)))];
const scored = questions.filter((q) => q.expect.some((id) => kb.entry(id)));

const modes: RetrievalMode[] = ['hybrid', 'lexical', 'vector', 'ranker'];
const byMode = new Map<RetrievalMode, Array<{ q: EvalQuestion; ranked: string[]; confidence: number }>>();
for (const mode of modes) {
  const begin = process.hrtime.bigint();
  const runs = await runsOf(scored, { mode });
  const ms = Number(process.hrtime.bigint() - begin) / 1e6;
  byMode.set(mode, runs);
  (runs as unknown as { ms: number }).ms = ms;
}

console.log(`\nRetrieval on ${scored.length} labelled questions (${questions.length} in test/eval; ${kb.entries().length} entries)`);
console.log('mode      hit@1   hit@3   MRR     ms/question');
const report: Record<string, unknown> = { questions: scored.length, entries: kb.entries().length, unknownExpectedIds: unknown };
for (const mode of modes) {
  const runs = byMode.get(mode)!;
  const s = rankingScores(runs.map((r) => ({ ranked: r.ranked, expected: r.q.expect })));
  const ms = (runs as unknown as { ms: number }).ms / Math.max(1, runs.length);
  console.log(`${mode.padEnd(9)} ${s.hitAt1.toFixed(3)}   ${s.hitAt3.toFixed(3)}   ${s.mrr.toFixed(3)}   ${ms.toFixed(1)}`);
  report[mode] = { ...s, msPerQuestion: ms };
}

// The fusion weight was chosen on the even positions only: the odd ones show whether that choice generalises.
console.log('\nBy half of the question set (fusion weight tuned on the even half only)');
console.log('half              mode      hit@1   hit@3   MRR');
const halves: Record<string, unknown> = {};
for (const [half, parity] of [['tuning (even)', 0], ['held-out (odd)', 1]] as const) {
  for (const mode of modes) {
    const runs = byMode.get(mode)!.filter((_, i) => i % 2 === parity);
    const s = rankingScores(runs.map((r) => ({ ranked: r.ranked, expected: r.q.expect })));
    console.log(`${half.padEnd(17)} ${mode.padEnd(9)} ${s.hitAt1.toFixed(3)}   ${s.hitAt3.toFixed(3)}   ${s.mrr.toFixed(3)}`);
    halves[`${half} ${mode}`] = s;
  }
}
report.halves = halves;

// How LEXICAL_WEIGHT was chosen: hybrid on the tuning half only, for several weights.
console.log(`\nFusion weight on the tuning half (current ${LEXICAL_WEIGHT})`);
console.log('lexical weight  hit@1   hit@3   MRR');
const tuning = scored.filter((_, i) => i % 2 === 0);
const sweep = [];
for (const lexicalWeight of [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
  const s = rankingScores((await runsOf(tuning, { lexicalWeight })).map((r) => ({ ranked: r.ranked, expected: r.q.expect })));
  sweep.push({ lexicalWeight, ...s });
  console.log(`${lexicalWeight.toFixed(1).padEnd(15)} ${s.hitAt1.toFixed(3)}   ${s.hitAt3.toFixed(3)}   ${s.mrr.toFixed(3)}`);
}
report.fusionSweep = sweep;

// Calibration: what the threshold does to the answers that are given (hybrid).
const hybrid = byMode.get('hybrid')!;
console.log('\nConfidence threshold (hybrid): answered = confidence ≥ threshold; wrong = answered with a wrong first entry');
console.log('threshold  answered  correct-when-answered  wrong-answers');
const calibration = [];
for (const t of [0.3, 0.35, 0.4, CONFIDENCE_THRESHOLD, 0.45, 0.5, 0.55]) {
  const answered = hybrid.filter((r) => r.confidence >= t);
  const correct = answered.filter((r) => r.q.expect.includes(r.ranked[0] ?? ''));
  const row = { threshold: t, answered: answered.length / hybrid.length, precision: correct.length / Math.max(1, answered.length), wrong: answered.length - correct.length };
  calibration.push(row);
  console.log(`${t.toFixed(2).padEnd(10)} ${row.answered.toFixed(3).padEnd(9)} ${row.precision.toFixed(3).padEnd(22)} ${row.wrong}${t === CONFIDENCE_THRESHOLD ? '   ← current' : ''}`);
}
report.calibration = calibration;

// The stricter threshold for serious topics, chosen on the tuning half only.
type Run = { q: EvalQuestion; ranked: string[]; confidence: number };
const decide = (r: Omit<Run, 'q'>, serious = SERIOUS_CONFIDENCE_THRESHOLD) => answerDecision(kb.entry(r.ranked[0] ?? ''), r.confidence, serious) === 'answer';
const isRight = (r: Run) => r.q.expect.includes(r.ranked[0] ?? '');
/** What the young people of these runs would get: the answers given, the wrong ones among them, coverage and precision. */
function answersOf(runs: Run[], serious = SERIOUS_CONFIDENCE_THRESHOLD) {
  const answered = runs.filter((r) => decide(r, serious));
  const wrong = answered.filter((r) => !isRight(r));
  return { answered, wrong, coverage: answered.length / Math.max(1, runs.length), precision: (answered.length - wrong.length) / Math.max(1, answered.length) };
}
/** Retrieval for each question, with the given options. */
async function runsOf(questions: EvalQuestion[], options: Parameters<KnowledgeBase['retrieve']>[1] = {}): Promise<Run[]> {
  const runs: Run[] = [];
  for (const q of questions) {
    const r = await kb.retrieve(q.q, { departement: q.departement, k: 10, ...options });
    runs.push({ q, ranked: r.results.map((x) => x.entry.id), confidence: r.confidence });
  }
  return runs;
}
console.log(`\nThreshold for serious topics (papers, emergencies, eviction, debt...) on the tuning half (current ${SERIOUS_CONFIDENCE_THRESHOLD})`);
console.log('serious    coverage  precision-of-answered  wrong');
const seriousSweep = [];
for (const serious of [CONFIDENCE_THRESHOLD, 0.5, 0.55, 0.6, 0.65, 0.7]) {
  const given = answersOf(hybrid.filter((_, i) => i % 2 === 0), serious);
  const row = { serious, coverage: given.coverage, precision: given.precision, wrong: given.wrong.length };
  seriousSweep.push(row);
  console.log(`${serious.toFixed(2).padEnd(10)} ${row.coverage.toFixed(3).padEnd(9)} ${row.precision.toFixed(3).padEnd(22)} ${row.wrong}`);
}
report.seriousSweep = seriousSweep;

// How the learned ranker's weights were chosen: on the tuning half only, at the current answer threshold.
console.log(`\nLearned ranker weights on the tuning half (current ${RANKER_WEIGHT} in the score, ${RANKER_CONFIDENCE_WEIGHT} in the confidence)`);
console.log('score  confidence  hit@1   coverage  precision-of-answered');
const rankerSweep = [];
for (const rankerWeight of [0, 0.3, 0.5]) {
  for (const rankerConfidenceWeight of [0, 0.3, 0.5]) {
    const runs = await runsOf(tuning, { rankerWeight, rankerConfidenceWeight });
    const given = answersOf(runs);
    const row = { rankerWeight, rankerConfidenceWeight, hitAt1: runs.filter(isRight).length / runs.length, coverage: given.coverage, precision: given.precision };
    rankerSweep.push(row);
    console.log(`${rankerWeight.toFixed(1).padEnd(6)} ${rankerConfidenceWeight.toFixed(1).padEnd(11)} ${row.hitAt1.toFixed(3)}   ${row.coverage.toFixed(3).padEnd(9)} ${row.precision.toFixed(3)}`);
  }
}
report.rankerSweep = rankerSweep;

// What a young person gets, on the half never tuned on: how often an answer is given, how often it is right,
// and every wrong answer given with confidence (worse than "je ne sais pas").
console.log(`\nAnswers on the held-out half (odd positions), at the threshold ${CONFIDENCE_THRESHOLD} (${SERIOUS_CONFIDENCE_THRESHOLD} on serious topics)`);
console.log('mode      coverage  precision-of-answered  wrong-confident');
const heldOutAnswers: Record<string, unknown> = {};
for (const mode of modes) {
  const { wrong, coverage, precision } = answersOf(byMode.get(mode)!.filter((_, i) => i % 2 === 1));
  const row = { coverage, precision, wrong: wrong.length };
  heldOutAnswers[mode] = row;
  console.log(`${mode.padEnd(9)} ${row.coverage.toFixed(3).padEnd(9)} ${row.precision.toFixed(3).padEnd(22)} ${row.wrong}`);
  if (mode === 'hybrid') for (const w of wrong) console.log(`  - wrong [${w.q.file}] "${w.q.q}" → ${w.ranked[0]} (conf ${w.confidence.toFixed(2)}), expected ${w.q.expect.join('|')}`);
}
report.heldOutAnswers = heldOutAnswers;

// Questions written apart after the base and the other sets (test/eval-fresh, each file's header says when and
// how), including questions no entry answers. Never tuned on: what a young person would get from the base today.
const freshQuestionsAll = existsSync(path.resolve('test/eval-fresh')) ? loadEvalQuestions(path.resolve('test/eval-fresh')) : [];
const freshReport: Record<string, unknown> = {};
for (const file of [...new Set(freshQuestionsAll.map((q) => q.file))]) {
  const freshQuestions = freshQuestionsAll.filter((q) => q.file === file);
  const answerable = freshQuestions.filter((q) => q.expect.length > 0).length;
  console.log(`\nFresh questions, ${file} (${freshQuestions.length}, of which ${freshQuestions.length - answerable} no entry answers), at the same thresholds`);
  console.log('mode      hit@1(answerable)  coverage  answered-of-answerable  precision-of-answered  wrong-confident  declined-unanswerable');
  for (const mode of modes) {
    const runs = await runsOf(freshQuestions, { mode });
    const { answered, wrong, coverage, precision } = answersOf(runs);
    const row = {
      hitAt1: runs.filter(isRight).length / Math.max(1, answerable),
      coverage,
      answeredOfAnswerable: answered.filter((r) => r.q.expect.length > 0).length / Math.max(1, answerable),
      precision,
      wrong: wrong.length,
      declinedUnanswerable: runs.filter((r) => r.q.expect.length === 0 && !decide(r)).length,
    };
    freshReport[`${file} ${mode}`] = row;
    console.log(
      `${mode.padEnd(9)} ${row.hitAt1.toFixed(3).padEnd(18)} ${row.coverage.toFixed(3).padEnd(9)} ${row.answeredOfAnswerable.toFixed(3).padEnd(23)} ${row.precision.toFixed(3).padEnd(22)} ${String(row.wrong).padEnd(16)} ${row.declinedUnanswerable}/${freshQuestions.length - answerable}`,
    );
    if (mode === 'hybrid') for (const w of wrong) console.log(`  - wrong [${file}] "${w.q.q}"${w.q.departement ? ` (${w.q.departement})` : ''} → ${w.ranked[0]} (conf ${w.confidence.toFixed(2)}), expected ${w.q.expect.join('|') || 'no answer'}`);
  }
}
report.freshQuestions = freshReport;

const misses = hybrid.filter((r) => !r.q.expect.includes(r.ranked[0] ?? ''));
console.log(`\nHybrid misses at rank 1 (${misses.length}):`);
for (const m of misses) console.log(`- [${m.q.file}] "${m.q.q}"${m.q.departement ? ` (${m.q.departement})` : ''} → got ${m.ranked[0] ?? '-'} (conf ${m.confidence.toFixed(2)}), expected ${m.q.expect.join('|')}`);
if (unknown.length > 0) console.log(`\nExpected ids that are not in the base (${unknown.length}): ${unknown.join(', ')}`);

// Safety: the development corpus (rules tuned on it, classifier trained on it), the held-out and the fresh sets (never tuned on),
// for the rules alone and for rules + classifier (what runs in production).
const rulesOnly = new CrisisDetector();
const detector = new CrisisDetector(loadOrTrainCrisisModel(knowledgeOptionsFrom(settings).indexDir));
const safety: Record<string, unknown> = {};
// The fresh set is the newest one written before any tuning (its header says when); it is never tuned on.
// A blind set's messages are never printed, only counted by kind: reading its misses would be the first step of tuning on it.
for (const [name, prefix, blind] of [['development', '', false], ['held-out', 'holdout-', false], ['fresh 13 (blind)', 'fresh13-', true], ['fresh 14 (blind)', 'fresh14-', true]] as const) {
  const corpus = loadSafetyCorpora(prefix === '' ? SAFETY_CORPORA_DIR : path.resolve('test/safety'), prefix);
  if (!corpus) continue;
  const { crisis, benign } = corpus;
  const missed = crisis.filter((c) => !detector.detect(c.text));
  const alarms = benign.map((text) => ({ text, signal: detector.detect(text) })).filter((b) => b.signal);
  const begin = process.hrtime.bigint();
  for (let i = 0; i < 20; i += 1) for (const text of benign) detector.detect(text);
  const usPerMessage = Number(process.hrtime.bigint() - begin) / 1e3 / (20 * benign.length);
  const recall = (crisis.length - missed.length) / crisis.length;
  // The kind decides the numbers sent: a detection of the wrong kind sends the wrong numbers.
  const wrongKind = crisis.filter((c) => { const signal = detector.detect(c.text); return signal && signal.category !== c.category; });
  const rulesRecall = crisis.filter((c) => rulesOnly.detect(c.text)).length / crisis.length;
  const rulesAlarms = benign.filter((text) => rulesOnly.detect(text)).length / benign.length;
  console.log(`\nCrisis detection, ${name} corpus, rules alone: recall ${rulesRecall.toFixed(3)}, false alarms ${rulesAlarms.toFixed(3)}`);
  console.log(`Crisis detection, ${name} corpus: recall ${recall.toFixed(3)} (${crisis.length - missed.length}/${crisis.length}), false alarms ${(alarms.length / benign.length).toFixed(3)} (${alarms.length}/${benign.length}), ${usPerMessage.toFixed(1)} µs/message`);
  console.log(`  detected with the right kind of danger: ${crisis.length - missed.length - wrongKind.length}/${crisis.length - missed.length}`);
  if (blind) {
    const byKind = (kinds: string[]) => [...new Set(kinds)].map((k) => `${k} ${kinds.filter((x) => x === k).length}`).join(', ') || 'none';
    console.log(`  missed by kind: ${byKind(missed.map((m) => m.category))}; wrong kind: ${byKind(wrongKind.map((w) => w.category))}`);
  } else {
    for (const m of missed) console.log(`- missed [${m.category}] "${m.text}"`);
    for (const w of wrongKind) console.log(`- wrong kind [${w.category} → ${detector.detect(w.text)!.category}] "${w.text}"`);
    for (const a of alarms) console.log(`- false alarm [${a.signal!.rule}] "${a.text}"`);
  }
  safety[name] = { crisis: crisis.length, recall, rulesRecall, rulesFalseAlarmRate: rulesAlarms, wrongKind: wrongKind.length, benign: benign.length, falseAlarmRate: alarms.length / benign.length, ...(blind ? {} : { missed: missed.map((m) => m.text), falseAlarms: alarms.map((a) => a.text) }) };
}
report.safety = safety;

mkdirSync(settings.DATA_DIR, { recursive: true });
const file = path.join(settings.DATA_DIR, 'eval-report.json');
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\nReport: ${file}`);
kb.close();
