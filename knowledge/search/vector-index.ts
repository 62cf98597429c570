import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { SearchDocument } from './search-documents.js';

export interface VectorHit {
  entryId: string;
  /** Cosine similarity of the entry's best document, 0..1. */
  similarity: number;
}

/** One département's documents: their entries and their vectors, one row of `dimensions` numbers each. */
interface LocalDocuments {
  entryIds: string[];
  vectors: Float32Array;
  norms: Float32Array;
}

const LOCAL_FILE = 'local-vectors.v8';

/**
 * Nearest entries by meaning. National documents are in LangChain's HNSWLib store (hnswlib-node), searched
 * without a filter; each département's documents (at most a few hundred) are kept apart and compared exactly.
 * A search thus looks only at what the young person may be shown, instead of asking a JavaScript filter
 * about every node the graph visits (which cost more than the search itself).
 */
export class VectorIndex {
  private constructor(
    private readonly national: HNSWLib | undefined,
    private readonly local: Map<string, LocalDocuments>,
    private readonly dimensions: number,
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
    const nationalRows = docs.flatMap((doc, i) => (doc.departements ? [] : [i]));
    let national: HNSWLib | undefined;
    if (nationalRows.length > 0) {
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
    const local = new Map<string, LocalDocuments>();
    for (const [departement, rows] of rowsByDepartement) {
      const matrix = new Float32Array(rows.length * dimensions);
      rows.forEach((row, r) => matrix.set(vectors[row]!, r * dimensions));
      local.set(departement, { entryIds: rows.map((row) => docs[row]!.entryId), vectors: matrix, norms: Float32Array.from(rows, (row) => norm(vectors[row]!)) });
    }
    return new VectorIndex(national, local, dimensions, embeddings);
  }

  static async load(directory: string, embeddings: EmbeddingsInterface): Promise<VectorIndex | undefined> {
    const localFile = path.join(directory, LOCAL_FILE);
    if (!existsSync(localFile)) return undefined;
    const saved = deserialize(readFileSync(localFile)) as { dimensions: number; hasNational: boolean; local: Map<string, LocalDocuments> };
    const national = saved.hasNational ? await HNSWLib.load(directory, embeddings) : undefined;
    return new VectorIndex(national, saved.local, saved.dimensions, embeddings);
  }

  async save(directory: string): Promise<void> {
    await this.national?.save(directory);
    writeFileSync(path.join(directory, LOCAL_FILE), serialize({ dimensions: this.dimensions, hasNational: !!this.national, local: this.local }));
  }

  /** Best entries for a query, one hit per entry: national entries, and those of the département if one is given. */
  async search(query: string, k: number, departement?: string): Promise<VectorHit[]> {
    const vector = await this.embeddings.embedQuery(query);
    const best = new Map<string, number>();
    const note = (entryId: string, similarity: number) => {
      if (similarity > (best.get(entryId) ?? -Infinity)) best.set(entryId, similarity);
    };
    if (this.national) {
      // Several documents per entry: more documents than entries wanted.
      const count = Math.min(k * 3, this.national.index.getCurrentCount());
      for (const [doc, distance] of await this.national.similaritySearchVectorWithScore(vector, count)) note(String(doc.metadata.entryId), 1 - distance);
    }
    const local = departement ? this.local.get(departement) : undefined;
    if (local) {
      const queryNorm = norm(vector) || 1;
      // A question has a few dozen features out of thousands of dimensions: only those count in a dot product
      // (the same sum, in the same order, without its zero terms).
      const features: number[] = [];
      for (let d = 0; d < this.dimensions; d++) if (vector[d] !== 0) features.push(d);
      for (let row = 0; row < local.entryIds.length; row++) {
        let dot = 0;
        const offset = row * this.dimensions;
        for (const d of features) dot += vector[d]! * local.vectors[offset + d]!;
        note(local.entryIds[row]!, dot / (queryNorm * (local.norms[row]! || 1)));
      }
    }
    return [...best.entries()]
      .map(([entryId, similarity]) => ({ entryId, similarity }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }
}

function norm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}
