import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEntries } from '../../knowledge/content/load-entries.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';
import { Lexicon } from '../../knowledge/search/lexicon.js';
import { LocalEmbeddings } from '../../knowledge/search/local-embeddings.js';
import { searchDocuments } from '../../knowledge/search/search-documents.js';
import { TextAnalyzer } from '../../knowledge/search/text-analyzer.js';
import { VectorIndex } from '../../knowledge/search/vector-index.js';

const { entries } = loadEntries(path.resolve('test/fixtures/knowledge'), CONTENT_FOLDERS);
const docs = entries.flatMap((entry) => searchDocuments(entry));
const analyzer = new TextAnalyzer(Lexicon.load(path.resolve('knowledge/lexicon.yaml')));
const local = LocalEmbeddings.fromCorpus(analyzer, entries.map((e) => [e.title, ...e.questions].join(' ')));
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const QUESTIONS = ["j'ai pas de garant pour louer un appart", 'je sais pas ou dormir ce soir', 'c koi le cej', 'aide pour mes papiers titre de sejour'];

/** What a search must return: each entry's best cosine similarity over its documents, computed the plain way. */
async function bruteForce(embeddings: Embeddings, question: string, k: number, departement?: string) {
  const q = await embeddings.embedQuery(question);
  const best = new Map<string, number>();
  for (const doc of docs) {
    if (doc.departements && !(departement && doc.departements.includes(departement))) continue;
    const v = await embeddings.embedQuery(doc.text);
    let dot = 0;
    let qq = 0;
    let vv = 0;
    for (let d = 0; d < q.length; d++) {
      dot += q[d]! * v[d]!;
      qq += q[d]! * q[d]!;
      vv += v[d]! * v[d]!;
    }
    const similarity = dot / (Math.sqrt(qq) * Math.sqrt(vv) || 1);
    if (similarity > (best.get(doc.entryId) ?? -Infinity)) best.set(doc.entryId, similarity);
  }
  return [...best].sort((a, b) => b[1] - a[1]).slice(0, k);
}

describe('vector index', () => {
  it('compares the local (sparse) embeddings exactly: the nearest entries and their similarities, national and in a département, before and after a save', async () => {
    const index = await VectorIndex.build(docs, local);
    const folder = mkdtempSync(path.join(tmpdir(), 'relais-vectors-'));
    folders.push(folder);
    await index.save(folder);
    // No graph for sparse vectors: nothing but the exact rows is written.
    expect(readdirSync(folder)).toEqual(['sparse-vectors.v8']);
    const loaded = (await VectorIndex.load(folder, local))!;
    const departement = docs.find((d) => d.departements)?.departements?.[0];
    expect(departement).toBeDefined();
    for (const question of QUESTIONS) {
      for (const where of [undefined, departement]) {
        const expected = await bruteForce(local, question, 5, where);
        for (const searched of [index, loaded]) {
          const hits = await searched.search(question, 5, where);
          expect(hits.map((h) => h.entryId)).toEqual(expected.map(([id]) => id));
          hits.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(expected[i]![1], 6));
        }
      }
    }
  });

  it("keeps a model's dense vectors in LangChain's HNSWLib store, saved and loaded with it", async () => {
    const index = await VectorIndex.build(docs, new DenseEmbeddings());
    const folder = mkdtempSync(path.join(tmpdir(), 'relais-vectors-'));
    folders.push(folder);
    await index.save(folder);
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['hnswlib.index', 'sparse-vectors.v8']));
    const loaded = (await VectorIndex.load(folder, new DenseEmbeddings()))!;
    for (const question of QUESTIONS) {
      const expected = await bruteForce(new DenseEmbeddings(), question, 3);
      // Approximate, but on a few dozen vectors the graph finds the true nearest entry.
      expect((await loaded.search(question, 3))[0]?.entryId).toBe(expected[0]![0]);
    }
  });
});

/** A stand-in for a model's embeddings: every one of 64 numbers set, from the text's character trigrams. */
class DenseEmbeddings extends Embeddings {
  constructor() {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.vector(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  private vector(text: string): number[] {
    const vector = Array.from({ length: 64 }, () => 0.01);
    const folded = ` ${text.toLowerCase()} `;
    for (let i = 0; i + 3 <= folded.length; i++) {
      let hash = 0;
      for (const c of folded.slice(i, i + 3)) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
      vector[hash % 64]! += 1;
    }
    return vector;
  }
}
