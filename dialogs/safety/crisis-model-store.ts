import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadEntries } from '../../knowledge/content/load-entries.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';
import { loadSafetyCorpora } from '../../knowledge/evaluation/eval-set.js';
import { fr } from '../strings/fr.js';
import { CRISIS_CATEGORIES } from './crisis-category.js';
import { smsVariant } from './sms-variant.js';
import { deserializeModel, MAX_FALSE_ALARM_RATE, MODEL_FORMAT, serializeModel, trainWithThreshold, type CrisisModel, type TrainingSample } from './crisis-classifier.js';

/** The training corpora of the classifier: the development corpora of the rules. */
export const SAFETY_CORPORA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge/safety');

/**
 * The crisis classifier, trained on the safety corpora and kept in the index folder under a name that
 * hashes the corpora and the model format: trained once (kb:build or the first start), then loaded.
 */
export function loadOrTrainCrisisModel(indexDir: string, options: { corporaDir?: string; log?: (message: string, data?: Record<string, unknown>) => void } = {}): CrisisModel {
  const stored = storedModel(indexDir, options.corporaDir);
  const cached = readStoredModel(stored.file);
  if (cached) return cached;
  const begin = Date.now();
  const model = trainWithThreshold(stored.samples);
  mkdirSync(path.dirname(stored.file), { recursive: true });
  for (const name of readdirSync(path.dirname(stored.file))) if (name !== path.basename(stored.file)) rmSync(path.join(path.dirname(stored.file), name), { force: true });
  writeFileSync(stored.file, serializeModel(model));
  options.log?.('crisis classifier trained', { samples: stored.samples.length, threshold: Number(model.threshold.toFixed(3)), ms: Date.now() - begin });
  return model;
}

/** The stored model for the current corpora, or undefined when it must be trained first. */
export function loadStoredCrisisModel(indexDir: string, corporaDir?: string): CrisisModel | undefined {
  return readStoredModel(storedModel(indexDir, corporaDir).file);
}

/**
 * Trains the classifier in a worker thread (crisis-model-worker.ts) and stores it, so that a first start
 * builds the search index on the main thread meanwhile and the server can listen; the rules answer alone
 * until it is done.
 */
export function trainCrisisModelInBackground(indexDir: string, options: { corporaDir?: string; signal?: AbortSignal } = {}): Promise<{ model: CrisisModel; samples: number; ms: number }> {
  const workerData = { indexDir, corporaDir: options.corporaDir };
  const worker = import.meta.url.endsWith('.ts')
    ? // From the TypeScript sources (tsx, vitest), the worker loads its .ts file through tsx's API.
      new Worker(`import(${JSON.stringify(TSX_API)}).then((tsx) => tsx.tsImport(${JSON.stringify(new URL('./crisis-model-worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true, workerData })
    : new Worker(new URL('./crisis-model-worker.js', import.meta.url), { workerData });
  // Stopping the app stops the training (the next start trains again).
  options.signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { model: Uint8Array; samples: number; ms: number }) => resolve({ model: deserializeModel(Buffer.from(message.model.buffer, message.model.byteOffset, message.model.byteLength)), samples: message.samples, ms: message.ms }));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`crisis classifier training stopped (exit code ${code})`)));
  });
}

// tsx's ESM API (its "import" export of tsx/esm/api), found from its package folder since require.resolve gives the CommonJS one.
const TSX_API = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

function storedModel(indexDir: string, corporaDir = SAFETY_CORPORA_DIR): { file: string; samples: Array<TrainingSample & { easy?: boolean }> } {
  const samples = trainingSamples(corporaDir);
  const hash = createHash('sha256').update(`format ${MODEL_FORMAT} false alarms ${MAX_FALSE_ALARM_RATE}\0`).update(JSON.stringify(samples)).digest('hex').slice(0, 16);
  return { file: path.join(indexDir, 'safety', `crisis-model-${hash}.bin`), samples };
}

function readStoredModel(file: string): CrisisModel | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return deserializeModel(readFileSync(file));
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
  const buttons = [fr.moreDetails, fr.talkToHuman, ...fr.feedbackReasons, ...fr.themes.map((t) => t.label)];
  return [...texts, ...buttons].map((text) => ({ text, label: 'none' as const, easy: true as const }));
}

const sampleSchema = z.object({ text: z.string().min(1), category: z.enum(CRISIS_CATEGORIES).optional() }).strict();
