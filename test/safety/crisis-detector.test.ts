import { describe, expect, it } from 'vitest';
import { loadSafetyCorpora } from '../../knowledge/evaluation/eval-set.js';
import { CrisisDetector } from '../../dialogs/safety/crisis-detector.js';
import { classify } from '../../dialogs/safety/crisis-classifier.js';
import { loadOrTrainCrisisModel, SAFETY_CORPORA_DIR } from '../../dialogs/safety/crisis-model-store.js';
import { TEST_INDEX_DIR } from '../support/test-app.js';

/**
 * The development corpora are a regression guard: the rules were written on them and the classifier is
 * trained on them, so every crisis must stay detected with its kind and no ordinary message may raise
 * the alarm. How detection generalises is measured on the held-out and fresh sets by `npm run eval`,
 * never asserted here.
 */
const model = loadOrTrainCrisisModel(TEST_INDEX_DIR);
const detector = new CrisisDetector(model);
const corpus = loadSafetyCorpora(SAFETY_CORPORA_DIR)!;

describe('crisis detector on the development corpora', () => {
  it('detects every crisis message of the development corpus, with its kind of danger (the kind picks the numbers)', () => {
    expect(corpus.crisis.filter((c) => detector.detect(c.text)?.category !== c.category).map((c) => `${c.category}: ${c.text}`)).toEqual([]);
  });

  it('raises no alarm on the ordinary messages of the development corpus', () => {
    expect(corpus.benign.filter((text) => detector.detect(text))).toEqual([]);
  });

  it('the classifier alone catches what no rule was written for, and keeps quiet on ordinary words', () => {
    const rulesOnly = new CrisisDetector();
    for (const [text, category] of [
      ["jveux que tout s'arrete ce soir", 'suicide'],
      ["il m'a fait des choses pendant que je dormais", 'sexual_violence'],
    ] as const) {
      expect(rulesOnly.detect(text)).toBeUndefined();
      expect(detector.detect(text)).toEqual({ category, rule: `${category}/classifier` });
    }
    expect(classify(model, 'je cherche un appart pas cher a lille')).toBeUndefined();
    expect(classify(model, 'comment on fait une demande de bourse crous')).toBeUndefined();
  });

  it('reads the œ ligature as "oe": "ma petite sœur" is a child in danger', () => {
    expect(detector.detect('ma petite sœur se fait frapper par mon père')?.category).toBe('child_danger');
  });
});
