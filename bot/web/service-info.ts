import escapeHtml from 'escape-html';

/** Who runs this Relais and what it states about itself: settings, shown in the page footer and on /a-propos. */
export interface ServiceInfo {
  operator: string;
  operatorAddress?: string;
  publicationDirector?: string;
  hosting?: string;
  /** An e-mail address or an https:// page. */
  contact?: string;
  accessibilityStatus: string;
  /** RETENTION_DAYS, when set. */
  retentionDays?: number;
}

/** How long messages are kept, as the privacy notices say it. */
function retentionWords(info: ServiceInfo): string {
  return info.retentionDays ? `au plus ${info.retentionDays} jours après ton dernier message, ou jusqu'à ce que tu les effaces` : "jusqu'à ce que tu les effaces";
}

const NOT_GIVEN = 'non renseigné par l’organisme qui met ce service en ligne';

function contactHtml(contact: string | undefined): string {
  if (!contact) return `Pas de contact renseigné pour ce service. Pour une question sur tes droits, pose-la dans la discussion ou demande une personne.`;
  const href = contact.includes('@') && !contact.startsWith('http') ? `mailto:${contact}` : contact;
  return `Écris-nous : <a href="${escapeHtml(href)}">${escapeHtml(contact)}</a>`;
}

/** Who to tell when the page does not work for someone: a promise only when a contact stands behind it. */
function accessibilityHelp(contact: string | undefined): string {
  if (contact) return "Si quelque chose ne marche pas pour toi, dis-le nous (voir Contact) : nous te donnerons l'information autrement. Si tu n'as pas de réponse, tu peux saisir le Défenseur des droits.";
  return "Ce service n'a pas encore de contact pour signaler un problème d'accessibilité. Tu peux saisir le Défenseur des droits.";
}

/** The chat page with its settings filled in (every value escaped; the config is JSON that cannot close the script). */
export function renderPage(template: string, info: ServiceInfo & { quickExitUrl: string }, config: Record<string, unknown>): string {
  return template
    .replace('__QUICK_EXIT_URL__', escapeHtml(info.quickExitUrl))
    .replace('__SERVICE_OPERATOR__', escapeHtml(info.operator))
    .replace('__ACCESSIBILITY_STATUS__', escapeHtml(info.accessibilityStatus))
    .replace('__RETENTION__', escapeHtml(retentionWords(info)))
    .replace('__WEBCHAT_URL__', escapeHtml(String(config.webChatUrl ?? '')))
    .replace('__RELAIS_CONFIG__', JSON.stringify(config).replace(/</g, '\\u003c'));
}

/** /a-propos: mentions légales, data, accessibility statement and contact. */
export function renderAboutPage(template: string, info: ServiceInfo & { quickExitUrl: string }): string {
  return template
    .replace('__QUICK_EXIT_URL__', escapeHtml(info.quickExitUrl))
    .replace('__SERVICE_OPERATOR__', escapeHtml(info.operator))
    .replace('__SERVICE_OPERATOR_ADDRESS__', info.operatorAddress ? `, ${escapeHtml(info.operatorAddress)}` : '')
    .replace('__SERVICE_PUBLICATION_DIRECTOR__', escapeHtml(info.publicationDirector ?? NOT_GIVEN))
    .replace('__SERVICE_HOSTING__', escapeHtml(info.hosting ?? NOT_GIVEN))
    .replace('__ACCESSIBILITY_STATUS__', escapeHtml(info.accessibilityStatus))
    .replace('__RETENTION__', escapeHtml(retentionWords(info)))
    .replace('__ACCESSIBILITY_HELP__', accessibilityHelp(info.contact))
    .replace('__SERVICE_CONTACT__', contactHtml(info.contact));
}
