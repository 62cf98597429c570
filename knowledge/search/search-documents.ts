import type { Entry } from '../content/entry.js';

export interface SearchDocument {
  /** Unique per document; several documents point to one entry. */
  key: string;
  entryId: string;
  text: string;
  /** The entry's départements; undefined for a national entry. */
  departements?: string[];
}

/**
 * What the vector index embeds for an entry: its title, each question on its own (the way people ask),
 * and the answer with its keywords. The best-matching document stands for the entry.
 */
export function searchDocuments(entry: Entry): SearchDocument[] {
  const docs: SearchDocument[] = [{ key: `${entry.id}#title`, entryId: entry.id, text: `${entry.title}. ${entry.keywords.join(', ')}` }];
  entry.questions.forEach((question, i) => docs.push({ key: `${entry.id}#q${i}`, entryId: entry.id, text: question }));
  docs.push({ key: `${entry.id}#answer`, entryId: entry.id, text: `${entry.title}. ${entry.answer}` });
  return entry.departements ? docs.map((doc) => ({ ...doc, departements: entry.departements })) : docs;
}
