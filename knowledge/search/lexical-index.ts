import MiniSearch, { type Options } from 'minisearch';
import type { Entry } from '../content/entry.js';
import type { TextAnalyzer } from './text-analyzer.js';

export interface LexicalHit {
  entryId: string;
  score: number;
  /** Share of the query's search terms found in the entry, 0..1. */
  coverage: number;
}

/** Keyword search (BM25 through MiniSearch) on French stems, slang mapped by the lexicon, with field boosts. */
type IndexedEntry = { id: string; title: string; questions: string; keywords: string; answer: string; body: string };

export class LexicalIndex {
  private constructor(
    private readonly search: MiniSearch<IndexedEntry>,
    private readonly analyzer: TextAnalyzer,
  ) {}

  static build(entries: Entry[], analyzer: TextAnalyzer): LexicalIndex {
    const search = new MiniSearch<IndexedEntry>(LexicalIndex.options(analyzer));
    search.addAll(entries.map((e) => ({ id: e.id, title: e.title, questions: e.questions.join(' \n '), keywords: e.keywords.join(' '), answer: e.answer, body: e.body })));
    return new LexicalIndex(search, analyzer);
  }

  /** An index saved by toJSON() for the same content and code: no text to analyse again (a tenth of the time). */
  static fromJSON(json: string, analyzer: TextAnalyzer): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<IndexedEntry>(json, LexicalIndex.options(analyzer)), analyzer);
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  private static options(analyzer: TextAnalyzer): Options<IndexedEntry> {
    return {
      fields: ['title', 'questions', 'keywords', 'answer', 'body'],
      tokenize: (text) => analyzer.analyze(text).terms,
      processTerm: (term) => term,
      searchOptions: { boost: { title: 2.5, questions: 2, keywords: 2, answer: 1, body: 0.4 }, fuzzy: (term) => (term.length >= 6 ? 0.2 : false), prefix: (term) => term.length >= 5 },
    };
  }

  query(text: string, k: number, allow: (entryId: string) => boolean): LexicalHit[] {
    const terms = [...new Set(this.analyzer.analyze(text).terms)];
    if (terms.length === 0) return [];
    const results = this.search.search(terms.join(' '), { combineWith: 'OR', filter: (r) => allow(String(r.id)) });
    return results.slice(0, k).map((r) => ({
      entryId: String(r.id),
      score: r.score,
      coverage: new Set(Object.values(r.match).length > 0 ? r.queryTerms : []).size / terms.length,
    }));
  }
}
