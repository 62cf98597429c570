import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { foldText } from './fold-text.js';

interface LexiconFile {
  synonyms?: string[][];
  abbreviations?: Record<string, string>;
}

/**
 * Words young people use and what they mean (knowledge/lexicon.yaml, kept by editors):
 * SMS abbreviations are expanded, and every variant of a synonym group is mapped to its canonical word.
 */
export class Lexicon {
  /** Folded single-word abbreviation → folded expansion. */
  private readonly abbreviations = new Map<string, string>();
  /**
   * Folded variants (one or more words) with their folded canonical form, by first word, longest variants
   * first: a token is compared only with the variants that start with it (this runs on every message).
   */
  private readonly variantsByFirstWord = new Map<string, Array<{ words: string[]; canonical: string; isCanonical: boolean }>>();

  constructor(file: LexiconFile) {
    for (const [short, long] of Object.entries(file.abbreviations ?? {})) this.abbreviations.set(foldText(String(short)), foldText(String(long)));
    const variants: Array<{ words: string[]; canonical: string; isCanonical: boolean }> = [];
    for (const group of file.synonyms ?? []) {
      const [canonical, ...rest] = group.map((w) => foldText(String(w)).replace(/['-]/g, ' ').trim()).filter((w) => w.length > 0);
      if (!canonical) continue;
      for (const variant of [canonical, ...rest]) {
        const words = variant.split(/\s+/);
        variants.push({ words, canonical, isCanonical: words.join(' ') === canonical });
      }
    }
    // A stable sort: among variants of one length, the lexicon's order decides, as it always did.
    variants.sort((a, b) => b.words.length - a.words.length);
    for (const variant of variants) {
      const list = this.variantsByFirstWord.get(variant.words[0]!);
      if (list) list.push(variant);
      else this.variantsByFirstWord.set(variant.words[0]!, [variant]);
    }
  }

  static load(file: string): Lexicon {
    return new Lexicon(existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as LexiconFile | null) ?? {}) : {});
  }

  static empty(): Lexicon {
    return new Lexicon({});
  }

  expandAbbreviation(word: string): string | undefined {
    return this.abbreviations.get(word);
  }

  /**
   * Canonical words found in a token list (multi-word variants included), to add to the tokens.
   * Matching is on whole words so "sous" never matches inside "soutien".
   */
  canonicalsIn(tokens: string[]): string[] {
    const found = new Set<string>();
    for (let i = 0; i < tokens.length; i += 1) {
      // Longest variant first, and its words are used up: "pas le garder" (IVG) is never also read as "le garder".
      for (const { words, canonical, isCanonical } of this.variantsByFirstWord.get(tokens[i]!) ?? []) {
        if (words.length > tokens.length - i) continue;
        let match = true;
        for (let j = 1; j < words.length && match; j += 1) match = tokens[i + j] === words[j];
        if (!match) continue;
        if (!isCanonical) found.add(canonical);
        i += words.length - 1;
        break;
      }
    }
    return [...found];
  }
}
