import { foldForMatching } from './fold-for-matching.js';

export type GlobalCommand = 'help' | 'menu' | 'restart' | 'cancel' | 'forget' | 'human' | 'profile';

// Whole-message commands, after folding; "stp", "svp", "please" around them are allowed.
const COMMANDS: Array<{ command: GlobalCommand; pattern: RegExp }> = [
  { command: 'forget', pattern: /^(efface|effacer|supprime|supprimer|oublie|oublier) (toutes? )?(mes|mais|mé) (donnees|donnee|infos|informations|messages|conversations?)$|^(efface|oublie)(s)?[ -]moi$|^(delete|erase|remove) my data$|^forget me$|^droit a l oubli$/ },
  { command: 'help', pattern: /^(aide|aidez moi|help|\?|comment ca marche|tu sers a quoi|tu fais quoi|que sais tu faire)$/ },
  { command: 'menu', pattern: /^(menu|themes|accueil|sommaire)$/ },
  { command: 'restart', pattern: /^(recommencer|recommence|reset|restart|start over|on recommence|repartir de zero)$/ },
  { command: 'cancel', pattern: /^(annuler|annule|stop|arrete|arreter|cancel|laisse tomber|laisse tomber)$/ },
  { command: 'human', pattern: /^(je (veux|voudrais|peux|aimerais) )?(parler|ecrire|discuter) (a|avec) (quelqu un|qqn|un humain|une personne|un educ|un educateur|une educatrice|mon educ|un conseiller|une conseillere|un referent|une referente|une vraie personne)$|^(humain|un humain|conseiller|referent|talk to (a human|someone|a person))$/ },
  { command: 'profile', pattern: /^(mon profil|profil|modifier mon profil)$/ },
];

/** A command that works at any moment of the conversation, or undefined. */
export function recognizeCommand(text: string): GlobalCommand | undefined {
  const folded = foldForMatching(text).replace(/\b(stp|svp|s il te plait|s il vous plait|please|merci)\b/g, '').replace(/\s+/g, ' ').trim();
  return COMMANDS.find((c) => c.pattern.test(folded))?.command;
}
