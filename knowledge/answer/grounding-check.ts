import type { Entry } from '../content/entry.js';

export interface GroundingResult {
  ok: boolean;
  citedIds: string[];
  problems: string[];
}

const CITATION = /\[([a-z0-9]+(?:-[a-z0-9]+)*)\]/g;
const URL = /https?:\/\/[^\s)\]>"]+/g;
/** Numbers, amounts, phone numbers, percentages and years, with their inner spaces ("0 800 235 236", "1 500 €"). */
const NUMBER = /\d[\d\s.,]*\d|\d/g;

/**
 * The code that makes a model's answer trustworthy: every citation names a retrieved entry, there is at
 * least one, and every number and URL of the answer appears in the entries it cites.
 */
export function checkGrounding(text: string, retrieved: Map<string, Entry>): GroundingResult {
  const problems: string[] = [];
  const citedIds = [...new Set([...text.matchAll(CITATION)].map((m) => m[1]!))];
  if (citedIds.length === 0) problems.push('no citation');
  const unknown = citedIds.filter((id) => !retrieved.has(id));
  if (unknown.length > 0) problems.push(`cites entries that were not retrieved: ${unknown.join(', ')}`);
  const cited = citedIds.map((id) => retrieved.get(id)).filter((e): e is Entry => !!e);
  const haystack = cited.map(entryText).join('\n');
  const haystackDigits = digitRuns(haystack);
  const prose = text.replace(CITATION, ' ');
  for (const url of prose.match(URL) ?? []) {
    if (!haystack.includes(url.replace(/[.,;:]+$/, ''))) problems.push(`URL not in the cited entries: ${url}`);
  }
  for (const raw of prose.replace(URL, ' ').match(NUMBER) ?? []) {
    const digits = raw.replace(/\D/g, '');
    if (digits.length === 0) continue;
    if (!haystackDigits.has(digits)) problems.push(`number not in the cited entries: ${raw.trim()}`);
  }
  return { ok: problems.length === 0, citedIds, problems };
}

function entryText(entry: Entry): string {
  return [entry.title, entry.answer, entry.body, ...entry.contacts.flatMap((c) => [c.label, c.phone ?? '', c.url ?? '', c.hours ?? '']), ...entry.links.flatMap((l) => [l.label, l.url])].join('\n');
}

/** Every number of the text as its digits, whole and in its space-separated pieces. */
function digitRuns(text: string): Set<string> {
  const runs = new Set<string>();
  for (const raw of text.replace(URL, (u) => ` ${u} `).match(NUMBER) ?? []) {
    runs.add(raw.replace(/\D/g, ''));
    for (const piece of raw.split(/[\s.,]+/)) if (piece) runs.add(piece.replace(/\D/g, ''));
  }
  return runs;
}
