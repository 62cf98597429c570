import { createRequire } from 'node:module';
import { foldText } from './fold-text.js';
import type { Lexicon } from './lexicon.js';

const require = createRequire(import.meta.url);
const { newStemmer } = require('snowball-stemmers') as { newStemmer(language: string): { stem(word: string): string } };

/**
 * Words that carry no meaning for search (folded): function words, and the question words, modal verbs
 * and fillers every question has ("c quoi", "comment faire", "je peux", "stp"); left in, they make all
 * short questions look alike.
 */
const STOPWORDS = new Set(
  (
    'a ai aie ais ait as au aux avec avoir c ca ce ces cet cette ceux comme d dans de des du elle elles en es est et etre eu il ils j je l la le les leur leurs lui m ma mais me mes moi mon n ne ni nos notre nous on ou par pas pour qu que qui s sa sans se ses si son sur t ta te tes toi ton tu un une vos votre vous y ' +
    'the a an of to is are am i my me you your and or for in on at it be do does can how what where when who with '
  ).split(' '),
);

export interface AnalyzedText {
  /** Folded words after abbreviation expansion, stopwords kept (for n-grams and phrases). */
  words: string[];
  /** Stems of meaningful words and of the canonical synonyms found: the search terms. */
  terms: string[];
}

/** Turns what a young person types into search terms: folding, SMS expansion, synonyms, stopwords, French stems. */
export class TextAnalyzer {
  private readonly stemmer = newStemmer('french');
  private readonly stemCache = new Map<string, string>();

  constructor(private readonly lexicon: Lexicon) {}

  analyze(text: string): AnalyzedText {
    const raw = foldText(text)
      .replace(/[^a-z0-9'\s]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const words: string[] = [];
    for (const token of raw) {
      const expanded = this.lexicon.expandAbbreviation(token) ?? this.lexicon.expandAbbreviation(token.replace(/'/g, ''));
      for (const part of (expanded ?? token).split(/[\s']+/)) if (part.length > 0) words.push(part);
    }
    const canonicals = this.lexicon.canonicalsIn(words);
    const terms: string[] = [];
    for (const word of [...words, ...canonicals.flatMap((c) => c.split(' '))]) {
      if (STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
      terms.push(this.stem(word));
    }
    return { words, terms };
  }

  isStopword(word: string): boolean {
    return STOPWORDS.has(word);
  }

  stem(word: string): string {
    let stem = this.stemCache.get(word);
    if (stem === undefined) {
      stem = /\d/.test(word) ? word : this.stemmer.stem(word);
      this.stemCache.set(word, stem);
    }
    return stem;
  }
}
