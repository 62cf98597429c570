import type { Entry } from '../content/entry.js';
import { answerTextFr as t, frenchDate } from './answer-text-fr.js';

/** A Markdown hard line break: a plain newline inside a paragraph renders as a space in Web Chat. */
const LINE_BREAK = '  \n';

/**
 * What the entry's status says first, before anything else: an aid that ended is never read as current, and a
 * change announced is never missed. Undefined for an aid in force.
 */
export function statusNotice(entry: Entry): string | undefined {
  const status = entry.status;
  if (!status || status.state === 'in_force') return undefined;
  if (status.state === 'ended') return `⚠️ **${t.ended(frenchDate(status.date!))}**${status.note ? ` ${status.note}` : ''}${status.instead.length > 0 ? ` ${t.instead}` : ''}`;
  return `ℹ️ **${status.date ? t.announcedFrom(frenchDate(status.date)) : t.announced}** ${status.note ?? ''}`.trim();
}

/** The structured fiche's fields, for "En savoir plus": who, conditions, amounts with their date and source, deadlines, where, law. */
export function ficheSummary(entry: Entry): string | undefined {
  const lines: string[] = [];
  if (entry.for_whom) lines.push(`**${t.forWhom}** : ${entry.for_whom}`);
  if (entry.conditions) lines.push(`**${t.conditions}** : ${entry.conditions.join(' ; ')}`);
  for (const amount of entry.amounts ?? []) {
    const value = `${amount.value.toLocaleString('fr-FR')} ${amount.unit}`;
    lines.push(`**${amount.label}** : ${value} (${t.inForceFrom(frenchDate(amount.in_force_from))}, [${t.sourceWord}](${amount.source}))`);
  }
  if (entry.deadlines) lines.push(`**${t.deadlines}** : ${entry.deadlines.join(' ; ')}`);
  if (entry.where_to_apply) lines.push(`**${t.whereToApply}** : ${entry.where_to_apply}`);
  if (entry.legal_basis) lines.push(`**${t.legalBasis}** : ${entry.legal_basis.map((l) => `[${l.label}](${l.url})`).join(', ')}`);
  return lines.length > 0 ? lines.join(LINE_BREAK) : undefined;
}
