import type { Entry } from './entry.js';
import type { ContentIssue } from './load-entries.js';

/**
 * A euro amount in the text: "8 €", "1 500 €", "10,50 €". Names that merely contain one ("permis à 1 € par
 * jour", a loan scheme) are not amounts.
 */
const AMOUNT = /\d[\d\u00a0\u202f ]*(?:[.,]\d+)?\s?€/g;
const NAMES_WITH_EURO = [/permis à 1 €(?: par jour)?/gi];
/** "en vigueur au 1er janvier 2026", "en vigueur depuis le 01/03/2025", "en vigueur en 2024". */
export const IN_FORCE_DATE = /en vigueur (?:au|le|depuis le|depuis|en)\s+(?:le\s+)?(?:\d{1,2}(?:er)?\s+\p{L}+\s+\d{4}|\d{1,2}\/\d{1,2}\/\d{4}|\d{4})/iu;
/** More entries than this on one verified_on date look like a batch stamp, not checks. */
export const BULK_STAMP_MIN_ENTRIES = 20;

export function statedAmounts(entry: Pick<Entry, 'title' | 'answer' | 'body'>): string[] {
  let text = [entry.title, entry.answer, entry.body].join('\n');
  for (const name of NAMES_WITH_EURO) text = text.replace(name, '');
  return [...text.matchAll(AMOUNT)].map((m) => m[0].trim());
}

/** The first 1 January or 1 April strictly after a date: amounts are revalued on those days. */
export function nextRevaluation(date: string): string {
  const year = Number(date.slice(0, 4));
  const candidates = [`${year}-01-01`, `${year}-04-01`, `${year + 1}-01-01`];
  return candidates.find((candidate) => candidate > date)!;
}

/**
 * Rules on dates that keep amounts true: an entry stating an amount says when it is in force, and is reviewed
 * by the next revaluation day after its check; and verified_on is a check of one entry, so many entries on
 * one date are reported as a probable batch stamp.
 */
export function checkDates(entries: Entry[], issue: (entry: Entry, severity: ContentIssue['severity'], message: string) => void): ContentIssue[] {
  for (const entry of entries) {
    if (entry.file.startsWith('generated:')) continue;
    const amounts = statedAmounts(entry);
    if (amounts.length === 0) continue;
    if (!IN_FORCE_DATE.test(`${entry.answer}\n${entry.body}`)) {
      issue(entry, 'error', `answer: states ${amounts.join(', ')} without the date it is in force ("montant en vigueur au 1er janvier 2026")`);
    }
    const latest = nextRevaluation(entry.verified_on);
    if (entry.review_by > latest) issue(entry, 'error', `review_by ${entry.review_by} is after ${latest}: an entry stating an amount is reviewed by the next 1 January or 1 April after its check`);
  }
  return bulkStamps(entries).map(({ date, count }) => ({
    file: 'knowledge/entries',
    line: 1,
    severity: 'warning' as const,
    message: `verified_on: ${count} entries share ${date}; a date says one entry was checked against its source that day, not that a batch was stamped`,
  }));
}

/** The verified_on dates of more curated entries than a day of checks: probable batch stamps, with their count. */
export function bulkStamps(entries: Entry[]): Array<{ date: string; count: number }> {
  const byDate = new Map<string, number>();
  for (const entry of entries) if (!entry.file.startsWith('generated:')) byDate.set(entry.verified_on, (byDate.get(entry.verified_on) ?? 0) + 1);
  return [...byDate].filter(([, count]) => count > BULK_STAMP_MIN_ENTRIES).map(([date, count]) => ({ date, count }));
}
