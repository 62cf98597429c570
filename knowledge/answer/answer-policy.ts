import type { Entry } from '../content/entry.js';

/** Below this, the answer says it is not sure and offers a human (calibrated with npm run eval). */
export const CONFIDENCE_THRESHOLD = 0.42;

/**
 * On topics where a wrong answer does real harm (papers, emergencies, eviction, debt, violence, a refused
 * contract), more evidence is asked for: in doubt, a person checks with the young person instead of a guess.
 * Chosen with `npm run eval` on the tuning half of the question set only: from 0.42 to 0.70 it removed no wrong
 * answer there (they were not on serious topics) and cost coverage above 0.50, so 0.50 keeps a margin for free.
 */
export const SERIOUS_CONFIDENCE_THRESHOLD = 0.5;

const SERIOUS_THEMES = new Set(['papiers', 'urgence']);
const SERIOUS_ENTRIES = new Set([
  'expulsion-treve-hivernale',
  'impayes-loyer',
  'surendettement-banque-de-france',
  'refus-contrat-jeune-majeur-recours',
  'droit-au-retour-oqtf',
  'fin-contrat-jeune-majeur',
]);

export function isSerious(entry: Entry): boolean {
  return SERIOUS_THEMES.has(entry.theme) || SERIOUS_ENTRIES.has(entry.id);
}

/** Whether to answer with this entry: 'answer', 'not-sure', or 'serious-doubt' (a person rather than a guess). */
export function answerDecision(entry: Entry | undefined, confidence: number, seriousThreshold = SERIOUS_CONFIDENCE_THRESHOLD): 'answer' | 'not-sure' | 'serious-doubt' {
  if (!entry || confidence < CONFIDENCE_THRESHOLD) return 'not-sure';
  if (isSerious(entry) && confidence < seriousThreshold) return 'serious-doubt';
  return 'answer';
}
