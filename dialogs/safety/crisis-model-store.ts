import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadEntries, markdownFiles } from '../../knowledge/content/load-entries.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';
import { projectPath } from '../../knowledge/project-path.js';
import { loadSafetyCorpora } from '../../knowledge/evaluation/eval-set.js';
import { startWorker } from '../../knowledge/runtime/start-worker.js';
import { fr } from '../strings/fr.js';
import { CRISIS_CATEGORIES } from './crisis-category.js';
import { smsVariant } from './sms-variant.js';
import { deserializeModel, FOLDS, MAX_FALSE_ALARM_RATE, MODEL_FORMAT, serializeModel, thresholdFrom, TRAINING_JOBS, trainWithThreshold, type CrisisModel, type TrainingJob, type TrainingSample } from './crisis-classifier.js';

/** The training corpora of the classifier: the development corpora of the rules. */
export const SAFETY_CORPORA_DIR = projectPath('knowledge', 'safety');

/**
 * The model for the project's own corpora and content, trained by `npm run kb:build` and kept in the repository
 * (1.7 MB, Brotli), so that a first start loads it instead of training for 15–20 s of CPU before it is ready.
 * Its name hashes everything that decides it, as in the index folder: when the content or the code changed and
 * nobody ran kb:build, it is simply not found and the start trains as before (test/safety/shipped-model.test.ts
 * says when it is out of date).
 */
export const SHIPPED_MODEL_DIR = projectPath('knowledge', 'safety', 'model');

/**
 * The crisis classifier, trained on the safety corpora and kept in the index folder under a name that
 * hashes the corpora and the model format: trained once (kb:build or the first start), then loaded.
 */
export function loadOrTrainCrisisModel(indexDir: string, options: { corporaDir?: string } = {}): CrisisModel {
  const corporaDir = options.corporaDir ?? SAFETY_CORPORA_DIR;
  const file = storedModelFile(indexDir, corporaDir);
  const stored = readStoredModel(file, corporaDir);
  const model = stored ?? trainWithThreshold(trainingSamples(corporaDir));
  if (!stored) storeModel(file, model);
  if (corporaDir === SAFETY_CORPORA_DIR) shipModel(path.basename(file), model);
  return model;
}

/** The stored model for the current corpora (in the index folder, else the shipped one), or undefined when it must be trained first. */
export function loadStoredCrisisModel(indexDir: string, corporaDir = SAFETY_CORPORA_DIR): CrisisModel | undefined {
  return readStoredModel(storedModelFile(indexDir, corporaDir), corporaDir);
}

/** The shipped model's file for the project's corpora and content as they are now (whether it exists or not). */
export function shippedModelFile(): string {
  return path.join(SHIPPED_MODEL_DIR, `${path.basename(storedModelFile('', SAFETY_CORPORA_DIR))}.br`);
}

/**
 * Trains the classifier on worker threads (crisis-model-worker.ts) and stores it, so that a first start builds
 * the search index on the main thread meanwhile and the server can listen; the rules answer alone until it is
 * done. The folds and the final model are independent jobs, spread over the machine's cores: the same model as
 * loadOrTrainCrisisModel(), sooner.
 */
export async function trainCrisisModelInBackground(indexDir: string, options: { corporaDir?: string; signal?: AbortSignal; threads?: number } = {}): Promise<{ model: CrisisModel; samples: number; ms: number }> {
  const corporaDir = options.corporaDir ?? SAFETY_CORPORA_DIR;
  const file = storedModelFile(indexDir, corporaDir);
  const stored = readStoredModel(file, corporaDir);
  if (stored) return { model: stored, samples: 0, ms: 0 };
  const begin = Date.now();
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), TRAINING_JOBS.length));
  // One failed or stopped thread stops the others.
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  options.signal?.addEventListener('abort', stopAll, { once: true });
  const results = await Promise.all(shareJobs(threads).map((jobs) => runTrainingWorker(corporaDir, jobs, stop.signal))).finally(() => options.signal?.removeEventListener('abort', stopAll)).catch((error: unknown) => {
    stopAll();
    throw error;
  });
  const final = results.find((r) => r.model)!;
  const model = { ...deserializeModel(Buffer.from(final.model!.buffer, final.model!.byteOffset, final.model!.byteLength)), threshold: thresholdFrom(results.flatMap((r) => r.scores)) };
  storeModel(file, model);
  return { model, samples: final.samples, ms: Date.now() - begin };
}

/** The jobs for each thread: the final model (all samples) first, then each fold (three quarters) to the least loaded. */
function shareJobs(threads: number): TrainingJob[][] {
  const shares = Array.from({ length: threads }, () => ({ jobs: [] as TrainingJob[], load: 0 }));
  for (const job of TRAINING_JOBS) {
    const share = shares.reduce((least, s) => (s.load < least.load ? s : least));
    share.jobs.push(job);
    share.load += job === 'final' ? 1 : 1 - 1 / FOLDS;
  }
  return shares.map((s) => s.jobs);
}

function runTrainingWorker(corporaDir: string, jobs: TrainingJob[], signal?: AbortSignal): Promise<{ scores: number[]; model?: Uint8Array; samples: number }> {
  const worker = startWorker(import.meta.url, 'crisis-model-worker', { corporaDir, jobs });
  // Stopping the app stops the training (the next start trains again).
  const stop = () => void worker.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { scores: number[]; model?: Uint8Array; samples: number }) => {
      signal?.removeEventListener('abort', stop);
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`crisis classifier training stopped (exit code ${code})`)));
  });
}

/** Written beside nothing else: a model of older corpora is removed. */
function storeModel(file: string, model: CrisisModel): void {
  writeAlone(file, serializeModel(model));
}

/** kb:build keeps the repository's copy current (written only when it changes, so git sees no change otherwise). */
function shipModel(name: string, model: CrisisModel): void {
  const file = path.join(SHIPPED_MODEL_DIR, `${name}.br`);
  if (existsSync(file)) return;
  writeAlone(file, brotliCompressSync(serializeModel(model), { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }));
}

function writeAlone(file: string, data: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  for (const name of readdirSync(path.dirname(file))) if (name !== path.basename(file)) rmSync(path.join(path.dirname(file), name), { force: true });
  writeFileSync(file, data);
}

/**
 * The model's file name hashes what decides the model, read as bytes (no parsing: this runs at every start):
 * the safety corpora, the knowledge base's entries (their questions are ordinary examples), the buttons' labels,
 * and the code that turns them into samples and features.
 */
function storedModelFile(indexDir: string, corporaDir: string): string {
  const hash = createHash('sha256').update(`format ${MODEL_FORMAT} false alarms ${MAX_FALSE_ALARM_RATE}\0`);
  // The TypeScript sources, also when running the compiled dist/: a build alone does not retrain the model.
  for (const module of ['dialogs/safety/crisis-classifier', 'dialogs/safety/crisis-model-store', 'dialogs/safety/normalize-for-safety', 'dialogs/safety/sms-variant', 'knowledge/search/fold-text', 'knowledge/search/feature-hash']) {
    hash.update(readFileSync(projectPath(`${module}.ts`)));
  }
  for (const name of readdirSync(corporaDir).filter((n) => n.endsWith('.yaml')).sort()) hash.update(`${name}\0`).update(readFileSync(path.join(corporaDir, name)));
  const knowledgeDir = path.join(corporaDir, '..');
  for (const folder of CONTENT_FOLDERS) for (const file of markdownFiles(path.join(knowledgeDir, folder))) hash.update(`${path.relative(knowledgeDir, file)}\0`).update(readFileSync(file));
  hash.update(JSON.stringify(buttonLabels()));
  return path.join(indexDir, 'safety', `crisis-model-${hash.digest('hex').slice(0, 16)}.bin`);
}

/** The model in the index folder, else, for the project's own corpora, the shipped one (copied into the index folder). */
function readStoredModel(file: string, corporaDir: string): CrisisModel | undefined {
  try {
    if (existsSync(file)) return deserializeModel(readFileSync(file));
    const shipped = path.join(SHIPPED_MODEL_DIR, `${path.basename(file)}.br`);
    if (corporaDir !== SAFETY_CORPORA_DIR || !existsSync(shipped)) return undefined;
    const model = deserializeModel(brotliDecompressSync(readFileSync(shipped)));
    storeModel(file, model);
    return model;
  } catch {
    // A model of another format or a truncated file: trained again.
    return undefined;
  }
}

/** The development corpora (crisis.yaml, benign.yaml) and the extra training sets (training-*.yaml), labelled. */
export function trainingSamples(corporaDir: string): Array<TrainingSample & { easy?: boolean }> {
  const corpora = loadSafetyCorpora(corporaDir);
  if (!corpora) throw new Error(`loadOrTrainCrisisModel(): no crisis.yaml in ${corporaDir}`);
  const extra = readdirSync(corporaDir)
    .filter((name) => /^training-.+\.yaml$/.test(name))
    .sort()
    .flatMap((name) => z.array(sampleSchema).parse(parse(readFileSync(path.join(corporaDir, name), 'utf8'))));
  const samples: Array<TrainingSample & { easy?: boolean }> = [
    ...corpora.crisis.map((c) => ({ text: c.text, label: c.category as TrainingSample['label'] })),
    ...corpora.benign.map((text) => ({ text, label: 'none' as const })),
    ...extra.map((e) => ({ text: e.text, label: e.category ?? ('none' as const) })),
    ...ordinaryQuestions(path.join(corporaDir, '..')),
  ];
  // Each crisis example also in SMS spelling (sms-variant.ts).
  const variants = samples.flatMap((s) => {
    const variant = s.label === 'none' ? undefined : smsVariant(s.text);
    return variant ? [{ text: variant, label: s.label }] : [];
  });
  return [...samples, ...variants];
}

/**
 * The knowledge base's own questions and titles, outside the emergency theme, and the labels of the buttons a
 * young person taps ("En savoir plus", the themes...) are what ordinary messages look like: thousands of
 * examples written the way young people ask, which keep the classifier quiet on them.
 */
function ordinaryQuestions(knowledgeDir: string): Array<TrainingSample & { easy: true }> {
  const { entries } = loadEntries(knowledgeDir, CONTENT_FOLDERS);
  const texts = entries.filter((e) => e.theme !== 'urgence').flatMap((e) => [...e.questions, e.title, ...(e.short_title ? [e.short_title] : [])]);
  return [...texts, ...buttonLabels(), ...ageAnswers()].map((text) => ({ text, label: 'none' as const, easy: true as const }));
}

/**
 * Answers to the profile's question "Tu as quel âge ?": ordinary by design. Without them the model read a bare
 * "17 ans" as a child in danger (the crisis examples about minors state their age), and a 17-year-old giving their
 * age opened an urgent case.
 */
function ageAnswers(): string[] {
  const words = ['douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf', 'vingt', 'vingt et un', 'vingt-deux', 'vingt-trois', 'vingt-quatre', 'vingt-cinq'];
  const numbers = Array.from({ length: 19 }, (_, i) => String(12 + i));
  return [
    ...numbers.flatMap((n) => [`${n} ans`, n, `j'ai ${n} ans`, `jai ${n} ans`, `${n} ans et demi`, `bientôt ${n} ans`, `${n}ans`]),
    ...words.flatMap((w) => [`${w} ans`, `j'ai ${w} ans`]),
    ...['né le 3 mars 2009', 'née le 12/05/2008', 'je suis né en 2008', 'né en 2007', '14/02/2009', "j'aurai 18 ans en juin"],
  ];
}

function buttonLabels(): string[] {
  return [fr.moreDetails, fr.talkToHuman, ...fr.feedbackReasons, ...fr.themes.map((t) => t.label), ...fr.situations.map((s) => s.label)];
}

const sampleSchema = z.object({ text: z.string().min(1), category: z.enum(CRISIS_CATEGORIES).optional() }).strict();
