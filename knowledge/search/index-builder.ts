import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Entry } from '../content/entry.js';
import { startWorker } from '../runtime/start-worker.js';
import { embeddingsFor, type RemoteEmbeddingsSettings } from './embeddings-for.js';
import { EntryRanker } from './entry-ranker.js';
import { LexicalIndex } from './lexical-index.js';
import { Lexicon } from './lexicon.js';
import { LocalEmbeddings } from './local-embeddings.js';
import { searchDocuments } from './search-documents.js';
import { writeSearchCache } from './search-cache.js';
import { TextAnalyzer } from './text-analyzer.js';
import { VectorIndex } from './vector-index.js';

/** What the indexes are built from: the entries (curated and generated), the lexicon's text, the embeddings. */
export interface IndexBuildInput {
  entries: Entry[];
  lexiconText: string;
  remoteEmbeddings?: RemoteEmbeddingsSettings;
}

export function analyzerOf(lexiconText: string): TextAnalyzer {
  return new TextAnalyzer(new Lexicon((parse(lexiconText) as ConstructorParameters<typeof Lexicon>[0] | null) ?? {}));
}

/**
 * Builds every index of a content into `directory`: the vector store, the entry ranker, the keyword index and
 * the local embeddings' word rarities. Seconds of CPU (the HNSW graph most of all), so the server runs it on a
 * worker thread (buildIndexesOffThread), never on the thread that answers young people.
 */
export async function buildIndexes(input: IndexBuildInput, directory: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const analyzer = analyzerOf(input.lexiconText);
  const docs = input.entries.flatMap(searchDocuments);
  const idf = input.remoteEmbeddings ? undefined : LocalEmbeddings.corpusIdf(analyzer, input.entries.map((e) => searchDocuments(e).map((d) => d.text).join('\n')));
  const vector = await VectorIndex.build(docs, await embeddingsFor(input.remoteEmbeddings, analyzer, idf), onProgress);
  mkdirSync(directory, { recursive: true });
  await vector.save(directory);
  writeSearchCache(directory, { ranker: EntryRanker.train(docs, analyzer).toData(), lexical: LexicalIndex.build(input.entries, analyzer).toJSON(), idf });
}

/**
 * buildIndexes() on a worker thread, into a folder of its own renamed into place when complete: a crash or a
 * concurrent build never leaves a half-written index where a start would read it.
 */
export async function buildIndexesOffThread(input: IndexBuildInput, directory: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const building = `${directory}.building-${process.pid}-${Date.now()}`;
  const worker = startWorker(import.meta.url, 'index-build-worker', { input, directory: building });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: { progress?: [number, number]; done?: true; error?: string }) => {
        if (message.progress) onProgress?.(...message.progress);
        if (message.done) resolve();
        if (message.error) reject(new Error(message.error));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`index build stopped (exit code ${code})`)));
    });
    if (existsSync(directory)) return; // another instance built the same content meanwhile: the same index
    mkdirSync(path.dirname(directory), { recursive: true });
    renameSync(building, directory);
  } finally {
    void worker.terminate();
    rmSync(building, { recursive: true, force: true });
  }
}
