/** The French words knowledge/ puts around curated content (the conversation's own strings live in dialogs/strings). */
export const answerTextFr = {
  source: (publisher: string, date: string) => `Source : ${publisher}, vérifié le ${date}`,
  sources: 'Sources',
  contacts: 'Contacts',
  links: 'Pour aller plus loin',
  details: 'En détail',
  toAsk: (label: string) => label,
};

/** 2026-11-22 → 22/11/2026 */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
