import { bulkStamps, IN_FORCE_DATE, statedAmounts } from './check-dates.js';
import { checkContent } from './check-content.js';
import type { Entry } from './entry.js';
import { departements } from '../territory/departements.js';

/** One entry stating amounts, with what it says about their date. */
export interface AmountLine {
  id: string;
  file: string;
  amounts: string[];
  /** The "en vigueur ..." phrase of the entry, or undefined (kb:check refuses that). */
  inForce?: string;
  verifiedOn: string;
  reviewBy: string;
}

export interface ContentCoverage {
  national: Record<string, number>;
  /** Per département code: its curated local entries (ids); none means the generated directory entry answers. */
  local: Record<string, string[]>;
  overdue: Entry[];
  dueSoon: Entry[];
  /** verified_on dates shared by more entries than a day of checks (probable batch stamps), with their count. */
  bulkStamps: Array<{ date: string; count: number }>;
  amounts: AmountLine[];
  /** Checked places of the directory, per département and kind. */
  places: ReturnType<typeof checkContent>['places'];
  errors: number;
  warnings: number;
}

/** What `npm run kb:report` prints: coverage, what to review, amounts and their dates. */
export function contentCoverage(knowledgeDir: string, folders: string[], today: string, soonDays = 30): ContentCoverage {
  const report = checkContent(knowledgeDir, folders, today);
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + soonDays * 86_400_000).toISOString().slice(0, 10);
  const national: Record<string, number> = {};
  const local: Record<string, string[]> = Object.fromEntries(departements.map((d) => [d.code, []]));
  for (const entry of report.entries) {
    if (entry.departements) for (const code of entry.departements) (local[code] ??= []).push(entry.id);
    else national[entry.theme] = (national[entry.theme] ?? 0) + 1;
  }
  const amounts = report.entries.flatMap((entry): AmountLine[] => {
    const found = statedAmounts(entry);
    if (found.length === 0) return [];
    return [{ id: entry.id, file: entry.file, amounts: found, inForce: IN_FORCE_DATE.exec(`${entry.answer}\n${entry.body}`)?.[0], verifiedOn: entry.verified_on, reviewBy: entry.review_by }];
  });
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  return {
    national,
    local,
    overdue: report.entries.filter((e) => e.review_by < today).sort((a, b) => a.review_by.localeCompare(b.review_by)),
    dueSoon: report.entries.filter((e) => e.review_by >= today && e.review_by <= soon).sort((a, b) => a.review_by.localeCompare(b.review_by)),
    bulkStamps: bulkStamps(report.entries),
    amounts,
    places: report.places,
    errors,
    warnings: report.issues.length - errors,
  };
}
