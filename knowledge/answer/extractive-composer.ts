import type { Entry } from '../content/entry.js';
import { answerTextFr as t, frenchDate } from './answer-text-fr.js';
import { linkPhoneNumbers } from './phone-links.js';
import { ficheSummary, statusNotice } from './fiche-text.js';

/** A Markdown hard line break: a plain newline inside a paragraph renders as a space in Web Chat. */
const LINE_BREAK = '  \n';

/** What the first screen of an answer may hold on a phone (the answer and its one next step), in words. */
export const FIRST_SCREEN_WORDS = 60;

/**
 * The offline answer, in two sizes. Short (the default): the start of the entry's answer and its one next
 * step (a number to call, else a place to go), within FIRST_SCREEN_WORDS, then the source and its review date.
 * Details ("En savoir plus"): the whole answer, the details, every contact and link, each address once.
 * Nothing is generated, so nothing can be invented; phone numbers become tel: links.
 */
export function composeExtractive(entry: Entry, options: { details?: boolean } = {}): string {
  const numbers = entry.contacts.flatMap((c) => (c.phone ? [c.phone] : []));
  const withCalls = (markdown: string) => linkPhoneNumbers(markdown, numbers);
  if (!options.details) {
    const step = nextStep(entry);
    const notice = statusNotice(entry);
    // The status is read first, within the same first screen.
    const shown = firstSentences(entry.answer.trim(), FIRST_SCREEN_WORDS - (step ? wordCount(step) : 0) - (notice ? wordCount(notice) : 0));
    return [`**${entry.title}**`, notice, withCalls(shown), step, sourceLine(entry)].filter(Boolean).join('\n\n');
  }
  const seen = new Set<string>([entry.sources[0]!.url]);
  const contacts = entry.contacts.filter((c) => c.phone || !seen.has(c.url!)).map((c) => contactLine(c, seen));
  const links = entry.links.filter((l) => !seen.has(l.url) && !!seen.add(l.url)).map((l) => `🔗 [${l.label}](${l.url})`);
  const parts = [`**${entry.title}**`, statusNotice(entry), withCalls(entry.answer.trim()), ficheSummary(entry), withCalls(entry.body.trim())].filter((p): p is string => !!p);
  if (contacts.length > 0) parts.push(contacts.join(LINE_BREAK));
  if (links.length > 0) parts.push(links.join(LINE_BREAK));
  parts.push(sourceLine(entry));
  return parts.join('\n\n');
}

export function sourceLine(entry: Entry): string {
  const source = entry.sources[0]!;
  return `_${t.source(`[${source.publisher}](${source.url})`, frenchDate(entry.verified_on))}_`;
}

/** The one next step: the first contact with a phone number, else the first contact or link to visit (not the source again). */
function nextStep(entry: Entry): string | undefined {
  const source = entry.sources[0]!.url;
  const byPhone = entry.contacts.find((c) => c.phone);
  if (byPhone) return contactLine(byPhone, new Set([source]));
  const online = [...entry.contacts, ...entry.links].find((c) => c.url && c.url !== source);
  return online ? `🔗 [${online.label}](${online.url})` : undefined;
}

/** A contact as one line: its number as a tel: link, its site named by its address, each address once. */
function contactLine(contact: Entry['contacts'][number], seen: Set<string>): string {
  const phone = contact.phone ? linkPhoneNumbers(`**${contact.phone}**`, [contact.phone]) : undefined;
  const site = contact.url && !seen.has(contact.url) ? `[${siteName(contact.url)}](${contact.url})` : undefined;
  if (contact.url) seen.add(contact.url);
  if (!phone) return `🔗 [${contact.label}](${contact.url})`;
  const reach = [phone, site].filter(Boolean).join(' · ');
  return `📞 ${contact.label} : ${reach}${contact.hours ? ` (${contact.hours})` : ''}`;
}

/** "https://www.anil.org/votre-adil" → "anil.org": says where the link goes, unlike "site". */
function siteName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The answer's first sentences within a word budget; at least the first sentence, cut at its last comma
 * within the budget when it is longer on its own. The rest is what "En savoir plus" adds.
 */
export function firstSentences(text: string, maxWords: number): string {
  const sentences = text.match(/[^.!?\n]+(?:[.!?]+|$)\s*/g) ?? [text];
  let shown = '';
  for (const sentence of sentences) {
    if (wordCount(shown + sentence) > maxWords) break;
    shown += sentence;
  }
  if (shown.trim().length > 0) return shown.trim();
  const words = sentences[0]!.trim().split(/\s+/).slice(0, maxWords).join(' ');
  const comma = words.lastIndexOf(',');
  return `${(comma > words.length / 2 ? words.slice(0, comma) : words).trim()}…`;
}
