import { foldText } from '../../knowledge/search/fold-text.js';
import type { Language } from '../strings/strings.js';

// Words that are also French ("a", "on", "me", "do", "in" as in "in extremis") are left out: they prove nothing.
const ENGLISH = new Set('i im i\'m my you your the is are am was what where how when who why can could would should does don\'t dont want need help please hello hi hey thanks thank with without have has get got to of and for an it this that there not yes live work money house papers sleep tonight'.split(' '));
const FRENCH = new Set('je j jsuis jsui tu il elle nous vous ils on le la les un une des du de et est suis ai as a pas plus pour dans avec sans mon ma mes ton ta tes c ca sa quoi comment ou quand qui pourquoi bonjour salut merci oui non aide besoin veux peux faire moi me te se y en au aux ce cette ces'.split(' '));

/** English or French from the words used; French unless English words clearly dominate. */
export function detectLanguage(text: string): Language | undefined {
  // Accented letters are French (or at least not English): "hôtel" must not read as "h" + "tel".
  const accented = /[éèêëàâçùûîïôœ]/i.test(text) ? 2 : 0;
  const words = foldText(text)
    .replace(/[’]/g, "'")
    .split(/[^a-z']+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  let english = 0;
  let french = accented;
  for (const word of words) {
    if (ENGLISH.has(word)) english += 1;
    if (FRENCH.has(word)) french += 1;
  }
  if (english >= 2 && english > french * 1.5) return 'en';
  if (french > 0) return 'fr';
  return undefined;
}
