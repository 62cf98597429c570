import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
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
 * the local embeddings' word rarities. Seconds of CPU (the documents' analysis and embeddings, the ranker), so
 * the server runs it on a worker thread (buildIndexesOffThread), never on the thread that answers young people.
 */
export async function buildIndexes(input: IndexBuildInput, directory: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const analyzer = analyzerOf(input.lexiconText);
  const perEntry = input.entries.map(searchDocuments);
  const docs = perEntry.flat();
  const idf = input.remoteEmbeddings ? undefined : LocalEmbeddings.corpusIdf(analyzer, perEntry.map((entryDocs) => entryDocs.map((d) => d.text).join('\n')));
  const vector = await VectorIndex.build(docs, await embeddingsFor(input.remoteEmbeddings, analyzer, idf), onProgress);
  mkdirSync(directory, { recursive: true });
  await vector.save(directory);
  writeSearchCache(directory, { ranker: EntryRanker.train(docs, analyzer).toData(), lexical: LexicalIndex.build(input.entries, analyzer).toJSON(), idf });
}

/** A builder thread stays this long after its last build: an editor publishing again does not wait for it to start. */
const IDLE_MS = 10 * 60_000;

interface Job {
  input: IndexBuildInput;
  directory: string;
  onProgress?: (done: number, total: number) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread for the builds of this process, started at the first and stopped after IDLE_MS without
 * one; builds run one after the other (each takes both the thread and seconds of a core).
 */
class IndexBuildThread {
  private worker?: Worker;
  private idle?: NodeJS.Timeout;
  private current?: Job;
  private readonly waiting: Job[] = [];

  run(input: IndexBuildInput, directory: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, directory, onProgress, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.current) return;
    const job = this.waiting.shift();
    if (!job) {
      // Idle, the thread never keeps the process alive; it does while it builds, since someone awaits the build.
      this.worker?.unref();
      this.idle = setTimeout(() => this.stop(), IDLE_MS).unref();
      return;
    }
    clearTimeout(this.idle);
    this.current = job;
    const thread = this.thread();
    thread.ref();
    thread.postMessage({ input: job.input, directory: job.directory });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'index-build-worker', {});
    worker.on('message', (message: { progress?: [number, number]; done?: true; error?: string }) => {
      if (message.progress) return this.current?.onProgress?.(...message.progress);
      this.finish(message.error ? new Error(message.error) : undefined);
    });
    worker.on('error', (error) => this.finish(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.finish(new Error(`index build stopped (exit code ${code})`));
    });
    return (this.worker = worker);
  }

  private finish(error?: Error): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    if (error) job.reject(error);
    else job.resolve();
    this.next();
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

const builder = new IndexBuildThread();

/**
 * buildIndexes() on the builder thread, into a folder of its own renamed into place when complete: a crash or
 * a concurrent build never leaves a half-written index where a start would read it.
 */
export async function buildIndexesOffThread(input: IndexBuildInput, directory: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const building = `${directory}.building-${process.pid}-${Date.now()}`;
  try {
    await builder.run(input, building, onProgress);
    if (existsSync(directory)) return; // another instance built the same content meanwhile: the same index
    mkdirSync(path.dirname(directory), { recursive: true });
    renameSync(building, directory);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
