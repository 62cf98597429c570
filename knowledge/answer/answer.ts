import type { Entry } from '../content/entry.js';
import type { RetrievedEntry } from '../search/hybrid-retriever.js';

export interface Citation {
  entryId: string;
  title: string;
  publisher: string;
  url: string;
  verifiedOn: string;
}

export interface RelatedQuestion {
  entryId: string;
  /** A question to offer as a button. */
  label: string;
}

/** What knowledge/ gives the rest of the code for a question. */
export interface Answer {
  /** Markdown text to show, with its source and review date; empty when not confident. */
  text: string;
  confident: boolean;
  /** Not confident because the topic is serious and the evidence short: a person should check, not a guess. */
  doubt?: 'serious';
  confidence: number;
  citations: Citation[];
  related: RelatedQuestion[];
  /** The best entry, when confident. */
  entry?: Entry;
  composedBy: 'extractive' | 'llm' | 'none';
  /** Ranked entries with their scores, for tools and evaluation. */
  results: RetrievedEntry[];
  asksForPlace: boolean;
  /** The directory has several places of this kind in the département: the reply asked for the commune. */
  asksForCommune?: boolean;
}

export function citationOf(entry: Entry): Citation {
  const source = entry.sources[0]!;
  return { entryId: entry.id, title: entry.title, publisher: source.publisher, url: source.url, verifiedOn: entry.verified_on };
}
