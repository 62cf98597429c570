import { isDepartementCode } from '../territory/departements.js';
import { checkDates } from './check-dates.js';
import { checkFiches } from './check-fiche.js';
import type { Entry } from './entry.js';
import type { ContentIssue } from './load-entries.js';
import type { OfficialSources } from './official-sources.js';
import { isWellFormedPhone } from './phone-number.js';

/** Checks across entries and against the world: ids, départements, phones, sources, dates. */
export function checkEntries(entries: Entry[], official: OfficialSources, today: string): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const issue = (entry: Entry, severity: ContentIssue['severity'], message: string) => {
    const field = /^(\w+)/.exec(message)?.[1] ?? '';
    issues.push({ file: entry.file, line: entry.fieldLines?.[field] ?? entry.fieldLines?.[message.startsWith('duplicate id') ? 'id' : message.startsWith('review') ? 'review_by' : message.startsWith('verified') ? 'verified_on' : ''] ?? 1, severity, message });
  };
  const ids = new Map<string, Entry>();
  for (const entry of entries) {
    const twin = ids.get(entry.id);
    if (twin) issue(entry, 'error', `duplicate id "${entry.id}" (also in ${twin.file})`);
    ids.set(entry.id, entry);
  }
  for (const entry of entries) {
    // Generated directory entries are checked by their own tests; editors cannot act on them.
    if (entry.file.startsWith('generated:')) continue;
    for (const code of entry.departements ?? []) if (!isDepartementCode(code)) issue(entry, 'error', `scope: unknown département code "${code}"`);
    for (const contact of entry.contacts) {
      if (contact.phone && !isWellFormedPhone(contact.phone)) issue(entry, 'error', `contacts: malformed phone number "${contact.phone}" (write it like "3114", "0 800 235 236" or "01 23 45 67 89")`);
    }
    if (!entry.sources.some((source) => official.isOfficial(source.url))) issue(entry, 'error', 'sources: no official source (see knowledge/official-sources.yaml)');
    if (entry.review_by < entry.verified_on) issue(entry, 'error', `review_by ${entry.review_by} is before verified_on ${entry.verified_on}`);
    if (entry.verified_on > today) issue(entry, 'error', `verified_on ${entry.verified_on} is in the future`);
    if (entry.review_by < today) issue(entry, 'warning', `review overdue since ${entry.review_by}`);
    const sentences = entry.answer.split(/(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9«"])/).filter((s) => s.trim().length > 0);
    if (sentences.length > 3) issue(entry, 'error', `answer: ${sentences.length} sentences, at most 3`);
    for (const related of entry.related) if (!ids.has(related)) issue(entry, 'warning', `related: unknown entry "${related}"`);
    // A button offering this entry shows its short title; a long title would be cut on a phone.
    if (!entry.short_title && entry.title.length > 32) issue(entry, 'warning', 'short_title: missing, and the title is too long for a button (32 characters at most)');
    const scopeWord = entry.departements ? `local (${entry.departements.join(', ')})` : 'national';
    if (entry.departements && !entry.file.includes(`local/`)) issue(entry, 'warning', `${scopeWord} entry outside knowledge/local/`);
  }
  checkFiches(entries.filter((e) => !e.file.startsWith('generated:')), today, issue);
  issues.push(...checkDates(entries, issue));
  return issues;
}
