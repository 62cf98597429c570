import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { EntryRankerData } from './entry-ranker.js';

/**
 * What the search derives from the content besides the vector index (the entry ranker's postings, the keyword
 * index, the local embeddings' word rarities), kept in the same index folder, which is named by the hash of the content and of
 * the search code: a start reads it instead of computing it again (about a second).
 */
export interface SearchCache {
  ranker: EntryRankerData;
  /** The keyword index, as LexicalIndex.toJSON() wrote it. */
  lexical: string;
  /** Absent with remote embeddings, which need none. */
  idf?: Map<string, number>;
}

const FILE = 'search-cache.v8';

export function readSearchCache(directory: string): SearchCache | undefined {
  const file = path.join(directory, FILE);
  if (!existsSync(file)) return undefined;
  try {
    return deserialize(readFileSync(file)) as SearchCache;
  } catch {
    // Written by another Node.js version, or truncated: computed again.
    return undefined;
  }
}

export function writeSearchCache(directory: string, cache: SearchCache): void {
  writeFileSync(path.join(directory, FILE), serialize(cache));
}
