import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { SearchDocument } from './search-documents.js';
import { mostlyZeros, SparseRows } from './sparse-rows.js';

export interface VectorHit {
  entryId: string;
  /** Cosine similarity of the entry's best document, 0..1. */
  similarity: number;
}

const SPARSE_FILE = 'sparse-vectors.v8';

/**
 * Nearest entries by meaning. Each département's documents (at most a few hundred) are kept apart and compared
 * exactly, so a search looks only at what the young person may be shown. National documents are compared exactly
 * too when their vectors are mostly zeros (the local embeddings: SparseRows, about 0.1 ms a question where HNSW
 * took 1.4 ms, and no graph to build at a first start); a model's dense vectors (OPENAI_EMBEDDING_MODEL) go to
 * LangChain's HNSWLib store (hnswlib-node), searched without a filter.
 */
export class VectorIndex {
  private constructor(
    private readonly national: HNSWLib | SparseRows | undefined,
    private readonly local: Map<string, SparseRows>,
    private readonly embeddings: EmbeddingsInterface,
  ) {}

  static async build(docs: SearchDocument[], embeddings: EmbeddingsInterface, onProgress?: (done: number, total: number) => void): Promise<VectorIndex> {
    const vectors: number[][] = [];
    const batch = 32;
    for (let i = 0; i < docs.length; i += batch) {
      const slice = docs.slice(i, i + batch);
      vectors.push(...(await embeddings.embedDocuments(slice.map((d) => d.text))));
      onProgress?.(Math.min(i + batch, docs.length), docs.length);
    }
    const dimensions = vectors[0]?.length;
    if (!dimensions) throw new Error('VectorIndex.build(): no document to index; is knowledge/ empty?');
    const sparse = (rows: number[]) => SparseRows.from(rows.map((row) => docs[row]!.entryId), rows.map((row) => vectors[row]!), dimensions);
    const nationalRows = docs.flatMap((doc, i) => (doc.departements ? [] : [i]));
    let national: HNSWLib | SparseRows | undefined;
    if (nationalRows.length > 0 && mostlyZeros(nationalRows.map((i) => vectors[i]!))) national = sparse(nationalRows);
    else if (nationalRows.length > 0) {
      const { HNSWLib, Document } = await denseStore();
      national = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions });
      await national.addVectors(
        nationalRows.map((i) => vectors[i]!),
        nationalRows.map((i) => new Document({ pageContent: docs[i]!.text, metadata: { entryId: docs[i]!.entryId, key: docs[i]!.key } })),
      );
    }
    const rowsByDepartement = new Map<string, number[]>();
    docs.forEach((doc, i) => {
      for (const departement of doc.departements ?? []) rowsByDepartement.set(departement, [...(rowsByDepartement.get(departement) ?? []), i]);
    });
    const local = new Map([...rowsByDepartement].map(([departement, rows]) => [departement, sparse(rows)]));
    return new VectorIndex(national, local, embeddings);
  }

  static async load(directory: string, embeddings: EmbeddingsInterface): Promise<VectorIndex | undefined> {
    const file = path.join(directory, SPARSE_FILE);
    if (!existsSync(file)) return undefined;
    type Saved = ReturnType<SparseRows['toJSON']>;
    const saved = deserialize(readFileSync(file)) as { national: 'hnsw' | Saved | undefined; local: Map<string, Saved> };
    const national = saved.national === 'hnsw' ? await (await denseStore()).HNSWLib.load(directory, embeddings) : saved.national && SparseRows.fromJSON(saved.national);
    return new VectorIndex(national, new Map([...saved.local].map(([departement, rows]) => [departement, SparseRows.fromJSON(rows)])), embeddings);
  }

  async save(directory: string): Promise<void> {
    if (this.national && !(this.national instanceof SparseRows)) await this.national.save(directory);
    const national = this.national instanceof SparseRows ? this.national.toJSON() : this.national && 'hnsw';
    writeFileSync(path.join(directory, SPARSE_FILE), serialize({ national, local: new Map([...this.local].map(([departement, rows]) => [departement, rows.toJSON()])) }));
  }

  /** Best entries for a query, one hit per entry: national entries, and those of the département if one is given. */
  async search(query: string, k: number, departement?: string): Promise<VectorHit[]> {
    const vector = await this.embeddings.embedQuery(query);
    const best = new Map<string, number>();
    const note = (entryId: string, similarity: number) => {
      if (similarity > (best.get(entryId) ?? -Infinity)) best.set(entryId, similarity);
    };
    if (this.national instanceof SparseRows) {
      // The k × 3 nearest documents, as the graph search of dense vectors gives (ties at the last one included).
      const similarities = this.national.similarities(vector);
      const lowest = nthHighest(similarities, Math.min(k * 3, similarities.length));
      for (let row = 0; row < similarities.length; row++) if (similarities[row]! >= lowest) note(this.national.entryIds[row]!, similarities[row]!);
    } else if (this.national) {
      // Several documents per entry: more documents than entries wanted.
      const count = Math.min(k * 3, this.national.index.getCurrentCount());
      for (const [doc, distance] of await this.national.similaritySearchVectorWithScore(vector, count)) note(String(doc.metadata.entryId), 1 - distance);
    }
    const local = departement ? this.local.get(departement) : undefined;
    if (local) {
      const similarities = local.similarities(vector);
      for (let row = 0; row < similarities.length; row++) note(local.entryIds[row]!, similarities[row]!);
    }
    return [...best.entries()]
      .map(([entryId, similarity]) => ({ entryId, similarity }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }
}

/** LangChain's HNSWLib store, loaded only for dense vectors (its modules take a third of a second to load at start). */
async function denseStore() {
  const [{ HNSWLib }, { Document }] = await Promise.all([import('@langchain/community/vectorstores/hnswlib'), import('@langchain/core/documents')]);
  return { HNSWLib, Document };
}

/** The n-th highest value (n ≥ 1; Infinity for 0), keeping the n highest seen in a small sorted list (n is a few dozen). */
function nthHighest(values: Float64Array, n: number): number {
  if (n <= 0) return Infinity;
  const top: number[] = [];
  for (const value of values) {
    if (top.length === n && value <= top[n - 1]!) continue;
    let i = top.length - (top.length === n ? 1 : 0);
    if (top.length < n) top.push(value);
    while (i > 0 && top[i - 1]! < value) {
      top[i] = top[i - 1]!;
      i -= 1;
    }
    top[i] = value;
  }
  return top[n - 1]!;
}
