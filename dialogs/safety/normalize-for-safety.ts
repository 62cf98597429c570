import { foldText } from '../../knowledge/search/fold-text.js';

/**
 * Lowercase, no accents, SMS contractions opened ("jveux" → "je veux"), letters repeated 3+ times cut to one,
 * and tears-of-laughter emoji read as "mdr", so that "ma daronne va me tuer 😂" is the joke it says it is.
 */
export function normalizeForSafety(text: string): string {
  return ` ${foldText(text.replace(/[\u{1F602}\u{1F923}\u{1F639}]/gu, ' mdr '))
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/[^a-z0-9']+/g, ' ')
    .replace(/\b(j|m|t|l|d|n|s|qu)'/g, '$1 ')
    .replace(/'/g, ' ')
    .replace(/\b(jai|g)\b/g, 'j ai')
    .replace(/\b(den|jen|men|ten)\b/g, (w) => `${w[0]} en`)
    .replace(/\bm(enferm\w*|frapp\w*|harcel\w*|agress\w*|insult\w*|etrangl\w*)\b/g, 'm $1')
    .replace(/\bj([bcdfgklmnpqrstvwxz][a-z]+)\b/g, 'je $1')
    .replace(/\bj(veux|ve|vx|vai|vais|peux|pe|sais|sui|suis|ss|pense|me|men|m|ai|arrive|tombe|dor|dors|dort)\b/g, 'je $1')
    .replace(/\b(chui|chuis|jsui|jsuis|jss|jsu|chu)\b/g, 'je suis')
    .replace(/\b(ve|vx|veu)\b/g, 'veux')
    .replace(/\b(vai|vé)\b/g, 'vais')
    .replace(/\b(pu|plu|plus)\b/g, 'plus')
    .replace(/\b(sui|ss)\b/g, 'suis')
    .replace(/\bmedoc?s?\b|\bcachets?\b|\bpilules?\b|\bcomprimes?\b|\bmedicaments?\b/g, 'medicaments')
    .replace(/\s+/g, ' ')
    .trim()} `;
}
