import { Embeddings } from '@langchain/core/embeddings';
import type { TextAnalyzer } from './text-analyzer.js';

const DIMENSIONS = 2048;

/**
 * Deterministic embeddings computed locally, with no model to download: hashed features of
 * French stems (morphology), synonyms from the lexicon (slang) and character n-grams of the
 * words (typos, missing accents, SMS spelling), each weighted by its rarity in the knowledge
 * base (inverse document frequency), L2-normalised for cosine similarity.
 */
export class LocalEmbeddings extends Embeddings {
  readonly dimensions = DIMENSIONS;
  private readonly unknownWeight: number;

  /** @param idf rarity of each stem in the corpus; unknown stems weigh as the rarest. Empty: all weigh 1. */
  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly idf: ReadonlyMap<string, number> = new Map(),
  ) {
    super({});
    this.unknownWeight = Math.max(1, ...idf.values());
  }

  /** Embeddings whose weights come from a corpus: one text per entry (what the index embeds of it). */
  static fromCorpus(analyzer: TextAnalyzer, documents: string[]): LocalEmbeddings {
    return new LocalEmbeddings(analyzer, LocalEmbeddings.corpusIdf(analyzer, documents));
  }

  /** Rarity of each stem in a corpus (one text per entry): log(1 + documents / documents having it). */
  static corpusIdf(analyzer: TextAnalyzer, documents: string[]): Map<string, number> {
    const df = new Map<string, number>();
    for (const doc of documents) for (const term of new Set(analyzer.analyze(doc).terms)) df.set(term, (df.get(term) ?? 0) + 1);
    const idf = new Map<string, number>();
    for (const [term, count] of df) idf.set(term, Math.log(1 + documents.length / count));
    return idf;
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
    for (const term of terms) add(vector, `t:${term}`, this.weightOf(term));
    for (let i = 0; i + 1 < terms.length; i += 1) add(vector, `b:${terms[i]} ${terms[i + 1]}`, 0.4 * Math.sqrt(this.weightOf(terms[i]!) * this.weightOf(terms[i + 1]!)));
    for (const word of words) {
      if (word.length < 3 || this.analyzer.isStopword(word)) continue;
      const padded = `<${word}>`;
      const grams: string[] = [];
      for (let n = 3; n <= 4; n += 1) for (let i = 0; i + n <= padded.length; i += 1) grams.push(padded.slice(i, i + n));
      // A word's n-grams together weigh about as much as one term, so long words do not dominate.
      const weight = (0.9 * this.weightOf(this.analyzer.stem(word))) / Math.sqrt(grams.length);
      for (const gram of grams) add(vector, `g:${gram}`, weight);
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (value) => value / norm);
  }

  private weightOf(term: string): number {
    if (this.idf.size === 0) return 1;
    return this.idf.get(term) ?? this.unknownWeight;
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
