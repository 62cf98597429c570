/** Lowercase, no accents, no punctuation or emoji variation selectors, single spaces: for comparing short commands. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\ufe0f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[.,;:!?¿¡()"«»\-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
