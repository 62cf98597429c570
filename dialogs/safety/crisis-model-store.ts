import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const corporaDir = options.corporaDir ?? SAFETY_CORPORA_DIR;
  const samples = trainingSamples(corporaDir);
  const hash = createHash('sha256').update(`format ${MODEL_FORMAT} false alarms ${MAX_FALSE_ALARM_RATE}\0`).update(JSON.stringify(samples)).digest('hex').slice(0, 16);
  const folder = path.join(indexDir, 'safety');
  const file = path.join(folder, `crisis-model-${hash}.bin`);
  if (existsSync(file)) {
    try {
      return deserializeModel(readFileSync(file));
    } catch {
      // A model of another format or a truncated file: train again below.
    }
  }
  const begin = Date.now();
  const model = trainWithThreshold(samples);
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) if (name !== path.basename(file)) rmSync(path.join(folder, name), { force: true });
  writeFileSync(file, serializeModel(model));
  options.log?.('crisis classifier trained', { samples: samples.length, threshold: Number(model.threshold.toFixed(3)), ms: Date.now() - begin });
  return model;
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
