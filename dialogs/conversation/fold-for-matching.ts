import { foldText } from '../../knowledge/search/fold-text.js';

/** Lowercase, no accents, no punctuation or emoji variation selectors, single spaces: for comparing short commands. */
export function foldForMatching(text: string): string {
  return foldText(text)
    .replace(/\ufe0f/g, '')
    .replace(/'/g, ' ')
    .replace(/[.,;:!?¿¡()"«»\-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
