import { featureHash } from '../../knowledge/search/feature-hash.js';
import { CRISIS_CATEGORIES, type CrisisCategory } from './crisis-category.js';
import { normalizeForSafety } from './normalize-for-safety.js';

/**
 * The second layer of crisis detection: a small multinomial logistic regression over hashed word,
 * word-pair and character n-gram features of the normalised message, trained on the safety corpora
 * (knowledge/safety). It catches phrasings the rules were never written for. Synchronous, local,
 * about a microsecond per feature: it runs on every message beside the rules.
 */

/** Raised whenever the features change (normalisation included), so that a stored model is trained again. */
export const MODEL_FORMAT = 3;
/**
 * The share of hard ordinary messages (out of fold) allowed to raise an alert; it sets the threshold. 3 %, the
 * product's aim for false alarms: at 2 % the model missed more than it had to (on the third and fourth fresh
 * sets, since moved into the training data: recall 85/96 and 90/96 at 2 %, 88/96 and 93/96 at 3 %, with the
 * same false alarms, 2/110 and 4/110).
 */
export const MAX_FALSE_ALARM_RATE = 0.03;
const DIMENSIONS = 1 << 16;
export const CLASSES: ReadonlyArray<CrisisCategory | 'none'> = ['none', ...CRISIS_CATEGORIES];

export interface CrisisModel {
  format: number;
  dimensions: number;
  classes: ReadonlyArray<CrisisCategory | 'none'>;
  /** classes × dimensions, row-major. */
  weights: Float32Array;
  bias: Float32Array;
  /** A crisis class is reported when its probability reaches this (chosen by cross-validation on the training corpora). */
  threshold: number;
}

export interface TrainingSample {
  text: string;
  label: CrisisCategory | 'none';
}

export interface TrainingOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** A message as the model sees it: hashed feature indices and their (L2-normalised) values. */
export interface Features {
  indices: Int32Array;
  values: Float32Array;
}

/** Hashed, L2-normalised binary features: words, word pairs, and character 3- to 5-grams inside words. */
export function featuresOf(text: string): Features {
  const words = normalizeForSafety(text.slice(0, 2000)).trim().split(' ').filter(Boolean);
  const unique = new Set<number>();
  const add = (key: string) => unique.add(featureHash(key) % DIMENSIONS);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(`w:${word}`);
    if (i + 1 < words.length) add(`b:${word} ${words[i + 1]}`);
    const padded = ` ${word} `;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`);
  }
  const indices = Int32Array.from(unique);
  const values = new Float32Array(indices.length).fill(1 / (Math.sqrt(indices.length) || 1));
  return { indices, values };
}

/** Class probabilities of a message. */
export function probabilities(model: CrisisModel, features: Features): Float32Array {
  const scores = new Float32Array(model.classes.length);
  const { indices, values } = features;
  for (let c = 0; c < model.classes.length; c++) {
    let sum = model.bias[c]!;
    const row = c * model.dimensions;
    for (let k = 0; k < indices.length; k++) sum += model.weights[row + indices[k]!]! * values[k]!;
    scores[c] = sum;
  }
  return softmax(scores);
}

/** The most likely crisis category when its probability reaches the model's threshold. */
export function classify(model: CrisisModel, text: string): { category: CrisisCategory; probability: number } | undefined {
  const p = probabilities(model, featuresOf(text));
  let best = 1;
  for (let c = 2; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return p[best]! >= model.threshold ? { category: model.classes[best] as CrisisCategory, probability: p[best]! } : undefined;
}

export interface LabelledFeatures {
  features: Features;
  label: number;
}

function prepare(samples: TrainingSample[]): LabelledFeatures[] {
  const data = samples.map((s) => ({ features: featuresOf(s.text), label: CLASSES.indexOf(s.label) }));
  if (data.some((d) => d.label < 0)) throw new Error('trainWithThreshold(): a sample has an unknown label');
  return data;
}

/**
 * Stochastic gradient descent with AdaGrad steps, classes weighted to balance; deterministic for a seed.
 * While training, the weights are stored feature-major (the classes of one feature side by side), so that a
 * sample's updates touch one cache line per feature instead of one per class and feature: about three times
 * faster, with the same arithmetic in the same order (the model is bit for bit the one a class-major loop gives).
 */
function trainOn(data: LabelledFeatures[], options: TrainingOptions): CrisisModel {
  // Chosen by cross-validation on the training corpora (out-of-fold recall at 2 % false alarms), never on a held-out set.
  const { epochs = 20, learningRate = 0.5, l2 = 1e-4, seed = 7 } = options;
  const classes = CLASSES;
  const width = classes.length;
  const weights = new Float32Array(width * DIMENSIONS);
  const bias = new Float32Array(width);
  const squared = new Float32Array(width * DIMENSIONS).fill(1e-8);
  const squaredBias = new Float32Array(width).fill(1e-8);
  const scores = new Float32Array(width);
  const gradients = new Float64Array(width);
  const counts = classes.map((_, c) => data.filter((d) => d.label === c).length);
  const classWeight = counts.map((n) => (n === 0 ? 0 : data.length / (width * n)));
  const random = seeded(seed);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const { features, label } = data[i]!;
      const { indices, values } = features;
      for (let c = 0; c < width; c++) {
        let sum = bias[c]!;
        for (let k = 0; k < indices.length; k++) sum += weights[indices[k]! * width + c]! * values[k]!;
        scores[c] = sum;
      }
      const p = softmax(scores);
      const importance = classWeight[label]!;
      for (let c = 0; c < width; c++) gradients[c] = (p[c]! - (c === label ? 1 : 0)) * importance;
      for (let f = 0; f < indices.length; f++) {
        const row = indices[f]! * width;
        const value = values[f]!;
        for (let c = 0; c < width; c++) {
          const k = row + c;
          const weight = weights[k]!;
          const g = gradients[c]! * value + l2 * weight;
          // Rounded as the Float32Array stores it, so the step is the same as reading the sum back.
          const sum = Math.fround(squared[k]! + g * g);
          squared[k] = sum;
          weights[k] = weight - (learningRate * g) / Math.sqrt(sum);
        }
      }
      for (let c = 0; c < width; c++) {
        const gradient = gradients[c]!;
        squaredBias[c] = squaredBias[c]! + gradient * gradient;
        bias[c] = bias[c]! - (learningRate * gradient) / Math.sqrt(squaredBias[c]!);
      }
    }
  }
  // Back to the stored, class-major layout.
  const classMajor = new Float32Array(width * DIMENSIONS);
  for (let f = 0; f < DIMENSIONS; f++) for (let c = 0; c < width; c++) classMajor[c * DIMENSIONS + f] = weights[f * width + c]!;
  return { format: MODEL_FORMAT, dimensions: DIMENSIONS, classes, weights: classMajor, bias, threshold: 0.5 };
}

/** The cross-validation folds that choose the threshold. */
export const FOLDS = 4;

/**
 * The independent parts of a training, so that they can run on several threads: each fold's out-of-fold
 * scores, and the final model on all samples. trainWithThreshold() runs them one after the other.
 */
export type TrainingJob = { fold: number } | 'final';
export const TRAINING_JOBS: readonly TrainingJob[] = ['final', ...Array.from({ length: FOLDS }, (_, fold) => ({ fold }))];

/** Samples with their features computed once for all jobs. */
export interface PreparedSamples {
  samples: Array<TrainingSample & { easy?: boolean }>;
  data: LabelledFeatures[];
}

export function prepareSamples(samples: Array<TrainingSample & { easy?: boolean }>): PreparedSamples {
  return { samples, data: prepare(samples) };
}

/** One fold's model, scored on the hard ordinary messages it did not see (their highest crisis probability). */
export function outOfFoldScores({ samples, data }: PreparedSamples, fold: number, options: TrainingOptions = {}): number[] {
  const model = trainOn(
    data.filter((_, i) => i % FOLDS !== fold),
    options,
  );
  const scores: number[] = [];
  data.forEach((d, i) => {
    if (i % FOLDS !== fold || samples[i]!.label !== 'none' || samples[i]!.easy) return;
    scores.push(Math.max(...Array.from(probabilities(model, d.features)).slice(1)));
  });
  return scores;
}

/** The model on all samples, before its threshold is set. */
export function trainFinal({ data }: PreparedSamples, options: TrainingOptions = {}): CrisisModel {
  return trainOn(data, options);
}

/**
 * The lowest probability whose out-of-fold false alarms stay within maxFalseAlarmRate on the hard ordinary
 * messages (near-misses written for safety), not on the easy ones that only teach what ordinary looks like.
 */
export function thresholdFrom(outOfFold: number[], maxFalseAlarmRate = MAX_FALSE_ALARM_RATE): number {
  const hardBenign = [...outOfFold].sort((a, b) => b - a);
  const allowed = Math.floor(hardBenign.length * maxFalseAlarmRate);
  // Just above the (allowed+1)-th highest ordinary score, and never below 0.5.
  return Math.max(0.5, (hardBenign[allowed] ?? 0) + 1e-4);
}

/** Trains on all samples, with the threshold chosen by k-fold cross-validation on the same samples. */
export function trainWithThreshold(samples: Array<TrainingSample & { easy?: boolean }>, options: TrainingOptions & { maxFalseAlarmRate?: number } = {}): CrisisModel {
  const prepared = prepareSamples(samples);
  const outOfFold = Array.from({ length: FOLDS }, (_, fold) => outOfFoldScores(prepared, fold, options)).flat();
  return { ...trainFinal(prepared, options), threshold: thresholdFrom(outOfFold, options.maxFalseAlarmRate) };
}

/** Binary form for the index folder: a small JSON header, then the bias and the weights as float32. */
export function serializeModel(model: CrisisModel): Buffer {
  const header = Buffer.from(JSON.stringify({ format: model.format, dimensions: model.dimensions, classes: model.classes, threshold: model.threshold }));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  return Buffer.concat([size, header, Buffer.from(model.bias.buffer, model.bias.byteOffset, model.bias.byteLength), Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength)]);
}

export function deserializeModel(data: Buffer): CrisisModel {
  const headerLength = data.readUInt32LE(0);
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as Pick<CrisisModel, 'format' | 'dimensions' | 'classes' | 'threshold'>;
  if (header.format !== MODEL_FORMAT) throw new Error(`deserializeModel(): format ${header.format}, expected ${MODEL_FORMAT}; rebuild with npm run kb:build`);
  const floats = new Float32Array(data.buffer.slice(data.byteOffset + 4 + headerLength, data.byteOffset + data.length));
  const bias = floats.slice(0, header.classes.length);
  const weights = floats.slice(header.classes.length);
  if (weights.length !== header.classes.length * header.dimensions) throw new Error('deserializeModel(): truncated model; rebuild with npm run kb:build');
  return { ...header, bias, weights };
}

function softmax(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let total = 0;
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i++) total += out[i] = Math.exp(scores[i]! - max);
  for (let i = 0; i < out.length; i++) out[i]! /= total;
  return out;
}


function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
