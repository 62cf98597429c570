import { foldForMatching } from './fold-for-matching.js';

export type FollowUp = { kind: 'details' } | { kind: 'where' } | { kind: 'and'; topic: string } | { kind: 'moved'; rest: string };

/**
 * Messages that only make sense with the conversation's context: "plus de détails", "c'est où ?",
 * "et pour le logement ?", "j'ai déménagé à Lille".
 */
export function recognizeFollowUp(text: string): FollowUp | undefined {
  const folded = foldForMatching(text);
  if (/^(plus de (details|detail|precisions|infos)|en savoir plus|details|detail|dis m en plus|explique( moi)?( plus)?|c est a dire|tell me more|more details)$/.test(folded)) return { kind: 'details' };
  if (/^(c est ou|cest ou|c ou|ou ca|ou|c est ou exactement|ou je vais|ou aller|ou je dois aller|l adresse|adresse|quelle adresse|ou c est|where|where is it)$/.test(folded)) return { kind: 'where' };
  const moved = /^(?:j ai|jai|je viens de|g) demenage\b(.*)$/.exec(folded) ?? /^(?:i moved|i ve moved)\b(.*)$/.exec(folded);
  if (moved) return { kind: 'moved', rest: moved[1]!.trim() };
  const and = /^(?:et|and) (?:pour |pour l |pour la |pour le |pour les |sur |concernant |about |for )?(.{2,60})$/.exec(folded);
  if (and && and[1]!.split(' ').length <= 6) return { kind: 'and', topic: and[1]!.trim() };
  return undefined;
}

export type SmallTalk = 'greeting' | 'thanks' | 'ok' | 'bye';

/** Greetings and thanks get a short human reply, not a search in the base. */
export function recognizeSmallTalk(text: string): SmallTalk | undefined {
  const folded = foldForMatching(text);
  if (/^(bonjour|bonsoir|salut|slt|coucou|cc|hello|hi|hey|yo|wesh|bjr|bsr|re)( (relais|toi|a toi|ca va|cv))?$/.test(folded)) return 'greeting';
  if (/^(merci|mrc|mci|thanks|thank you|thx|merci beaucoup|merci bcp|top merci|super merci|ok merci|d accord merci)$/.test(folded)) return 'thanks';
  if (/^(ok|oki|okay|d accord|dac|dacc|ca marche|super|cool|top|parfait|ok cool|oui|ouais|non|nan)$/.test(folded)) return 'ok';
  if (/^(au revoir|bye|a plus|a\+|bonne nuit|bonne soiree|ciao|tchao)$/.test(folded)) return 'bye';
  return undefined;
}

/** The question asks where to go near the young person (so the answer depends on the département). */
export function asksWhere(text: string): boolean {
  const folded = foldForMatching(text);
  return /^(ou|c est ou|cest ou)\b|\b(c est ou|ou est|ou sont|ou se trouve|ou aller|ou je (peux|dois|vais)|ou trouver|adresse|pres de chez moi|a cote de chez moi|dans mon (departement|coin|quartier|ville)|numero de|telephone de|contacter|joindre|where is|where can i)\b/.test(folded);
}
