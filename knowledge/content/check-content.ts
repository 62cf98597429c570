import { checkEntries } from './check-entries.js';
import type { Entry } from './entry.js';
import { loadEntries, type ContentIssue } from './load-entries.js';
import { OfficialSources } from './official-sources.js';
import { directoryEntries } from '../territory/directory-entries.js';
import { PLACE_TYPES, type PlaceRecord, type PlaceType } from '../directory/directory-record.js';
import { loadDirectory } from '../directory/load-directory.js';
import { checkMenu, loadMenu } from './menu.js';

/** A place checked longer ago than this is flagged for a new check (addresses and hours move). */
export const PLACE_REVIEW_DAYS = 365;

export const PILOT_DEPARTEMENTS = ['75', '93', '59', '13'];
export const MIN_NATIONAL_ENTRIES = 80;

export interface ContentReport {
  issues: ContentIssue[];
  entries: Entry[];
  national: number;
  byTheme: Record<string, number>;
  byDepartement: Record<string, number>;
  generated: number;
  /** Places of the directory, by département and kind. */
  places: Record<string, Partial<Record<PlaceType, number>>>;
}

/** A place's check date in the future is an error; one older than PLACE_REVIEW_DAYS asks for a new check. */
export function placeDateIssues(records: PlaceRecord[], today: string): ContentIssue[] {
  return records.flatMap((record): ContentIssue[] => {
    const age = (Date.parse(today) - Date.parse(record.verified_on)) / 86_400_000;
    if (age < 0) return [{ file: record.file, line: record.line, severity: 'error', message: `${record.id}: verified_on ${record.verified_on} is in the future` }];
    if (age > PLACE_REVIEW_DAYS) return [{ file: record.file, line: record.line, severity: 'warning', message: `${record.id}: checked on ${record.verified_on}, more than a year ago: check it again on its source` }];
    return [];
  });
}

/** Everything kb:check verifies, as data: entry by entry, across entries, and coverage. */
export function checkContent(knowledgeDir: string, folders: string[], today: string): ContentReport {
  const loaded = loadEntries(knowledgeDir, folders);
  const official = OfficialSources.load(knowledgeDir);
  const generated = directoryEntries(loaded.entries);
  const issues = [...loaded.issues, ...checkEntries([...loaded.entries, ...generated], official, today)];
  const national = loaded.entries.filter((e) => !e.departements);
  const byTheme: Record<string, number> = {};
  for (const e of national) byTheme[e.theme] = (byTheme[e.theme] ?? 0) + 1;
  const byDepartement: Record<string, number> = {};
  for (const e of loaded.entries) for (const d of e.departements ?? []) byDepartement[d] = (byDepartement[d] ?? 0) + 1;
  if (national.length < MIN_NATIONAL_ENTRIES) issues.push({ file: 'knowledge/entries', line: 1, severity: 'error', message: `${national.length} national entries, at least ${MIN_NATIONAL_ENTRIES} expected` });
  for (const code of PILOT_DEPARTEMENTS) {
    if (!byDepartement[code]) issues.push({ file: `knowledge/local/${code}`, line: 1, severity: 'error', message: `pilot département ${code} has no local entry` });
  }
  const menu = loadMenu(knowledgeDir);
  issues.push(...menu.issues, ...checkMenu(menu, new Set([...loaded.entries, ...generated].map((e) => e.id))));
  const directory = loadDirectory(knowledgeDir);
  issues.push(...directory.issues);
  const places: ContentReport['places'] = {};
  for (const record of directory.records) {
    const counts = (places[record.departement] ??= {});
    counts[record.type] = (counts[record.type] ?? 0) + 1;
  }
  issues.push(...placeDateIssues(directory.records, today));
  for (const code of PILOT_DEPARTEMENTS) {
    const missing = (Object.keys(PLACE_TYPES) as PlaceType[]).filter((type) => !places[code]?.[type]);
    if (missing.length > 0) issues.push({ file: `knowledge/directory/${code}.yaml`, line: 1, severity: 'warning', message: `pilot département ${code}: no place yet of kind ${missing.join(', ')}` });
  }
  return { issues, entries: loaded.entries, national: national.length, byTheme, byDepartement, generated: generated.length, places };
}
