/** The French words knowledge/ puts around curated content (the conversation's own strings live in dialogs/strings). */
export const answerTextFr = {
  source: (publisher: string, date: string) => `Source : ${publisher}, vérifié le ${date}`,
  sources: 'Sources',
  contacts: 'Contacts',
  links: 'Pour aller plus loin',
  details: 'En détail',
  toAsk: (label: string) => label,
  nearYou: 'Près de chez toi',
  noCheckedPlace: (where: string) => `Je n'ai pas encore d'adresse vérifiée près de chez toi : ${where}.`,
  searchIn: (link: string) => `cherche dans ${link}`,
  call: (number: string, note: string) => `appelle le ${number} (${note})`,
  ended: (date: string) => `Cette aide a pris fin le ${date}.`,
  instead: "Regarde plutôt ce qui existe à la place, ci-dessous.",
  announced: 'Changement annoncé :',
  announcedFrom: (date: string) => `Changement annoncé à partir du ${date} :`,
  forWhom: 'Pour qui',
  conditions: 'Conditions',
  inForceFrom: (date: string) => `en vigueur depuis le ${date}`,
  deadlines: 'Délais',
  whereToApply: 'Où demander',
  legalBasis: 'Textes',
  site: 'site',
  sourceWord: 'source',
  checked: (source: string, date: string) => `${source}, vérifié le ${date}`,
  askCommune: (count: number, kind: string) => `Il y a ${count} lieux « ${kind} » dans ton département : dis-moi ta ville (par exemple « j'habite à Bobigny ») et je te donne le tien.`,
};

/** 2026-11-22 → 22/11/2026 */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
