import { describe, expect, it } from 'vitest';
import type { Entry } from '../../knowledge/content/entry.js';
import { answerDecision, CONFIDENCE_THRESHOLD, SERIOUS_CONFIDENCE_THRESHOLD } from '../../knowledge/answer/answer-policy.js';

const entry = (id: string, theme: Entry['theme']) => ({ id, theme }) as Entry;
const between = (CONFIDENCE_THRESHOLD + SERIOUS_CONFIDENCE_THRESHOLD) / 2;

describe('when to answer, and when a person should check instead', () => {
  it('answers an ordinary topic above the threshold, and says it is not sure below', () => {
    expect(answerDecision(entry('garantie-visale', 'logement'), between)).toBe('answer');
    expect(answerDecision(entry('garantie-visale', 'logement'), CONFIDENCE_THRESHOLD - 0.01)).toBe('not-sure');
  });

  it('on papers, emergencies, eviction or debt, asks for more evidence and offers a person rather than a guess', () => {
    expect(answerDecision(entry('titre-sejour-salarie-formation', 'papiers'), between)).toBe('serious-doubt');
    expect(answerDecision(entry('expulsion-treve-hivernale', 'logement'), between)).toBe('serious-doubt');
    expect(answerDecision(entry('expulsion-treve-hivernale', 'logement'), SERIOUS_CONFIDENCE_THRESHOLD)).toBe('answer');
  });
});
