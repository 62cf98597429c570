import { existsSync } from 'node:fs';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { SearchDocument } from './search-documents.js';

export interface VectorHit {
  entryId: string;
  /** Cosine similarity of the entry's best document, 0..1. */
  similarity: number;
}

/** Nearest entries by meaning: LangChain's HNSWLib store on hnswlib-node. */
export class VectorIndex {
  private constructor(private readonly store: HNSWLib, private readonly embeddings: EmbeddingsInterface) {}

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
    const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions });
    await store.addVectors(
      vectors,
      docs.map((d) => new Document({ pageContent: d.text, metadata: { entryId: d.entryId, key: d.key } })),
    );
    return new VectorIndex(store, embeddings);
  }

  static async load(directory: string, embeddings: EmbeddingsInterface): Promise<VectorIndex | undefined> {
    if (!existsSync(directory)) return undefined;
    return new VectorIndex(await HNSWLib.load(directory, embeddings), embeddings);
  }

  save(directory: string): Promise<void> {
    return this.store.save(directory);
  }

  /** Best entries for a query, one hit per entry, among those the filter allows. */
  async search(query: string, k: number, allow: (entryId: string) => boolean): Promise<VectorHit[]> {
    const vector = await this.embeddings.embedQuery(query);
    const results = await this.store.similaritySearchVectorWithScore(vector, k * 3, (doc) => allow(String(doc.metadata.entryId)));
    const best = new Map<string, number>();
    for (const [doc, distance] of results) {
      const entryId = String(doc.metadata.entryId);
      const similarity = 1 - distance;
      if (similarity > (best.get(entryId) ?? -Infinity)) best.set(entryId, similarity);
    }
    return [...best.entries()]
      .map(([entryId, similarity]) => ({ entryId, similarity }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }
}
