/**
 * Phone numbers in an answer become tel: links, so a young person on a phone calls with one tap. Numbers
 * written in full (10 digits, 0 800 …) are always linked. Short numbers are linked only when they are
 * emergency or help numbers or the entry's own contacts, and not when they read as a date, an amount or an age.
 */
const EMERGENCY_SHORT_NUMBERS = ['112', '115', '119', '3114', '3919', '116 006', '3039', '15', '17', '18'];

// A Markdown link or a bare URL is left as it is.
const LINK_OR_URL = /\[[^\]]*\]\([^)]*\)|https?:\/\/\S+/g;
const FULL_NUMBER = /(?<![\d/])(?:0[1-9](?:[ .]?\d{2}){4}|0 ?8\d{2}(?: \d{3} \d{3}| \d{2} \d{2} \d{2}))(?![\d/])/g;
const NOT_A_PHONE_AFTER = /^\s*(?:(?:à|a|et|ou|-|–)\s*\d+\s*)?(?:€|euros?|%|ans?\b|mois\b|jours?\b|h\b|heures?\b|min|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|ème|e\b|er\b)/i;

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function telLink(shown: string): string {
  return `[${shown}](tel:${shown.replace(/\D/g, '')})`;
}

export function linkPhoneNumbers(markdown: string, entryNumbers: readonly string[] = []): string {
  const shortNumbers = [...new Set([...EMERGENCY_SHORT_NUMBERS, ...entryNumbers.filter((n) => n.replace(/\D/g, '').length <= 6)])].sort((a, b) => b.length - a.length);
  const short = new RegExp(`(?<![\\d/.,€\\-–])(?:${shortNumbers.map(escapeForRegExp).join('|')})(?![\\d/]|[.,\\-–]\\d)`, 'g');
  let out = '';
  let last = 0;
  const linkText = (plain: string) =>
    plain
      .replace(FULL_NUMBER, (number) => telLink(number))
      // Bold numbers (**3114**) and plain ones alike; a number already turned into a link is skipped.
      .replace(new RegExp(`\\[[^\\]]*\\]\\([^)]*\\)|${short.source}`, 'g'), (match, offset: number, whole: string) => {
        if (match.startsWith('[')) return match;
        if (NOT_A_PHONE_AFTER.test(whole.slice(offset + match.length).replace(/^\*+/, ''))) return match;
        return telLink(match);
      });
  for (const m of markdown.matchAll(LINK_OR_URL)) {
    out += linkText(markdown.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + linkText(markdown.slice(last));
}
