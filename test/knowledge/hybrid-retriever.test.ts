import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEntries } from '../../knowledge/content/load-entries.js';
import { CONFIDENCE_THRESHOLD, CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';
import { HybridRetriever } from '../../knowledge/search/hybrid-retriever.js';
import { LexicalIndex } from '../../knowledge/search/lexical-index.js';
import { Lexicon } from '../../knowledge/search/lexicon.js';
import { TextAnalyzer } from '../../knowledge/search/text-analyzer.js';
import type { VectorIndex } from '../../knowledge/search/vector-index.js';

const { entries } = loadEntries(path.resolve('test/fixtures/knowledge'), CONTENT_FOLDERS);
const byId = new Map(entries.map((e) => [e.id, e]));
const lexical = LexicalIndex.build(entries, new TextAnalyzer(Lexicon.load(path.resolve('knowledge/lexicon.yaml'))));

describe('hybrid retrieval when the vector search fails', () => {
  it('answers from the lexical search with its own confidence, and reports the failure instead of swallowing it', async () => {
    const failures: unknown[] = [];
    const broken: Pick<VectorIndex, 'search'> = { search: async () => Promise.reject(new Error('embeddings endpoint unreachable')) };
    const retriever = new HybridRetriever(byId, lexical, broken, (error) => failures.push(error));
    const retrieval = await retriever.retrieve("j'ai pas de garant pour louer un appart, visale c'est quoi");
    expect(retrieval.results[0]?.entry.id).toBe('fixture-visale');
    expect(retrieval.degraded).toBe(true);
    expect(retrieval.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/unreachable/);
  });

  it('reads a negated wish as the other intent: "pas le garder" is not "le garder"', () => {
    const analyzer = new TextAnalyzer(Lexicon.load(path.resolve('knowledge/lexicon.yaml')));
    expect(analyzer.analyze('jsuis enceinte et jveux pas le garder').terms).toContain('ivg');
    expect(analyzer.analyze('jsuis enceinte et jveux pas le garder').terms).not.toContain('poursuivr');
    expect(analyzer.analyze('jsuis enceinte et je veux le garder').terms).toContain('poursuivr');
    expect(analyzer.analyze('jsuis enceinte et je veux le garder').terms).not.toContain('ivg');
  });
});
