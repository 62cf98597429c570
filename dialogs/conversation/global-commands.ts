import { foldForMatching } from './fold-for-matching.js';

export type GlobalCommand = 'help' | 'menu' | 'restart' | 'cancel' | 'forget' | 'human' | 'profile';

// Who a young person may ask for: "un humain", "mon éduc", "ma référente", "une vraie personne"...
const SOMEONE = '(quelqu un|qqn|quelquun|un humain|un vrai humain|une personne|une vraie personne|un adulte|un educ|un educateur|une educatrice|mon educ|mon educateur|mon educatrice|mon educ de l ase|un conseiller|une conseillere|un referent|une referente|mon referent|ma referente|une assistante sociale|mon assistante sociale)';
const HUMAN = new RegExp(
  [
    `^((je|j) ?(veux|veu|voudrais|peux|pourrais|aimerais|ve) |est ce que je peux |on peut |je peux )?(parler|ecrire|discuter|causer) (a|avec) ${SOMEONE}$`,
    `^(passe|passez|passes|mets|met|mettez)[ -]?moi (a |avec )?${SOMEONE}$`,
    `^(je (veux|voudrais) |jveux )?${SOMEONE}$`,
    '^personne (ne )?m aide( pas)?$',
    '^(y a|il y a|ya) (quelqu un|qqn|quelquun)( pour m aider| de vrai| d humain)?$',
    '^talk to (a human|someone|a person|my (social )?worker)$',
    '^(humain|conseiller|referent)$',
  ].join('|'),
);

// Whole-message commands, after folding; "stp", "svp", "please" around them are allowed.
const COMMANDS: Array<{ command: GlobalCommand; pattern: RegExp }> = [
  { command: 'forget', pattern: /^(efface|effacer|supprime|supprimer|oublie|oublier) (toutes? )?(mes|mais|mé) (donnees|donnee|infos|informations|messages|conversations?)$|^(efface|oublie)(s)?[ -]moi$|^(delete|erase|remove) my data$|^forget me$|^droit a l oubli$/ },
  { command: 'help', pattern: /^(aide|aidez moi|help|\?|comment ca marche|tu sers a quoi|tu fais quoi|que sais tu faire)$/ },
  { command: 'menu', pattern: /^(menu|themes|accueil|sommaire)$/ },
  { command: 'restart', pattern: /^(recommencer|recommence|reset|restart|start over|on recommence|repartir de zero)$/ },
  { command: 'cancel', pattern: /^(annuler|annule|stop|arrete|arreter|cancel|laisse tomber|laisse tomber)$/ },
  { command: 'human', pattern: HUMAN },
  { command: 'profile', pattern: /^(mon profil|profil|modifier mon profil)$/ },
];

/** Messaging apps where "STOP" is what people write to stop a service: there it asks to erase, not to cancel. */
const STOP_ERASES = new Set(['telegram', 'whatsapp']);

/** A command that works at any moment of the conversation, or undefined. */
export function recognizeCommand(text: string, channelId?: string): GlobalCommand | undefined {
  if (channelId && STOP_ERASES.has(channelId) && /^\s*\/?stop\s*!?\s*$/i.test(text)) return 'forget';
  const folded = foldForMatching(text).replace(/\b(stp|svp|s il te plait|s il vous plait|please|merci)\b/g, '').replace(/\s+/g, ' ').trim();
  return COMMANDS.find((c) => c.pattern.test(folded))?.command;
}
