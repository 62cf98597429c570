import type { Entry } from '../content/entry.js';
import { answerTextFr as t, frenchDate } from './answer-text-fr.js';

/** A Markdown hard line break: a plain newline inside a paragraph renders as a space in Web Chat. */
const LINE_BREAK = '  \n';

/**
 * The offline answer: the entry's own short answer, its contacts and links, and its source with the
 * review date. Nothing is generated, so nothing can be invented.
 */
export function composeExtractive(entry: Entry, options: { details?: boolean } = {}): string {
  const parts = [`**${entry.title}**`, entry.answer.trim()];
  if (options.details) parts.push(entry.body.trim());
  if (entry.contacts.length > 0) parts.push(entry.contacts.map((c) => `📞 ${contactLine(c)}`).join(LINE_BREAK));
  if (entry.links.length > 0) parts.push(entry.links.slice(0, 3).map((l) => `🔗 [${l.label}](${l.url})`).join(LINE_BREAK));
  parts.push(sourceLine(entry));
  return parts.join('\n\n');
}

export function sourceLine(entry: Entry): string {
  const source = entry.sources[0]!;
  return `_${t.source(`[${source.publisher}](${source.url})`, frenchDate(entry.verified_on))}_`;
}

function contactLine(contact: Entry['contacts'][number]): string {
  const reach = [contact.phone ? `**${contact.phone}**` : undefined, contact.url ? `[site](${contact.url})` : undefined].filter(Boolean).join(' · ');
  return `${contact.label} : ${reach}${contact.hours ? ` (${contact.hours})` : ''}`;
}
