import { statedAmounts } from './check-dates.js';
import type { Entry } from './entry.js';
import type { ContentIssue } from './load-entries.js';

/** "1 500 €", "10,50 €" → 1500, 10.5 */
function euros(amount: string): number {
  return Number(amount.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
}

/**
 * Rules of the structured fiche: an aid that ended says when and what exists instead, an announced change says
 * what changes, and typed amounts agree with the amounts the text states and were in force when checked.
 */
export function checkFiches(entries: Entry[], today: string, issue: (entry: Entry, severity: ContentIssue['severity'], message: string) => void): void {
  const ids = new Set(entries.map((e) => e.id));
  for (const entry of entries) {
    const status = entry.status;
    if (status?.state === 'ended') {
      if (!status.date) issue(entry, 'error', 'status: an ended aid needs the date it ended (status.date)');
      else if (status.date > today) issue(entry, 'error', `status: ends on ${status.date}, in the future: write state: announced until then`);
      if (status.instead.length === 0) issue(entry, 'error', 'status: an ended aid names what exists instead (status.instead: ids of entries)');
    }
    if (status?.state === 'announced' && !status.note) issue(entry, 'error', 'status: an announced change says what changes (status.note)');
    for (const id of status?.instead ?? []) if (!ids.has(id)) issue(entry, 'error', `status: unknown entry "${id}" in instead`);
    if (entry.amounts) {
      const typed = new Set(entry.amounts.map((a) => a.value));
      for (const amount of statedAmounts(entry)) {
        if (!typed.has(euros(amount))) issue(entry, 'error', `amounts: the text states ${amount}, which is not among the typed amounts`);
      }
      for (const amount of entry.amounts) {
        if (amount.in_force_from > entry.verified_on) issue(entry, 'warning', `amounts: "${amount.label}" is in force from ${amount.in_force_from}, after the check of ${entry.verified_on}: check it again then`);
      }
    }
  }
}
