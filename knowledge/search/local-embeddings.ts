import { Embeddings } from '@langchain/core/embeddings';
import type { TextAnalyzer } from './text-analyzer.js';

const DIMENSIONS = 2048;

/**
 * Deterministic embeddings computed locally, with no model to download: hashed features of
 * French stems (morphology), synonyms from the lexicon (slang) and character n-grams of the
 * words (typos, missing accents, SMS spelling), L2-normalised for cosine similarity.
 */
export class LocalEmbeddings extends Embeddings {
  readonly dimensions = DIMENSIONS;

  constructor(private readonly analyzer: TextAnalyzer) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  embed(text: string): number[] {
    const vector = new Float64Array(DIMENSIONS);
    const { words, terms } = this.analyzer.analyze(text);
    for (const term of terms) add(vector, `t:${term}`, 1);
    for (let i = 0; i + 1 < terms.length; i += 1) add(vector, `b:${terms[i]} ${terms[i + 1]}`, 0.4);
    for (const word of words) {
      if (word.length < 3) continue;
      const padded = `<${word}>`;
      const grams: string[] = [];
      for (let n = 3; n <= 4; n += 1) for (let i = 0; i + n <= padded.length; i += 1) grams.push(padded.slice(i, i + n));
      // A word's n-grams together weigh about as much as one term, so long words do not dominate.
      const weight = 0.9 / Math.sqrt(grams.length);
      for (const gram of grams) add(vector, `g:${gram}`, weight);
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (value) => value / norm);
  }
}

/** Signed feature hashing (FNV-1a): the sign halves collisions' bias. */
function add(vector: Float64Array, feature: string, weight: number): void {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i += 1) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  const index = (hash >>> 0) % DIMENSIONS;
  const sign = (hash >>> 31) & 1 ? -1 : 1;
  vector[index] = (vector[index] ?? 0) + sign * weight;
}
