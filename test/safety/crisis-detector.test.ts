import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSafetyCorpora } from '../../knowledge/evaluation/eval-set.js';
import { CrisisDetector } from '../../dialogs/safety/crisis-detector.js';

/**
 * The development corpora are a regression guard: the rules were written on them, so every crisis
 * must stay detected and no ordinary message may raise the alarm. How the rules generalise is
 * measured on the held-out corpora by `npm run eval`, never asserted here.
 */
const detector = new CrisisDetector();
const corpus = loadSafetyCorpora(path.resolve('test/safety'))!;

describe('crisis detector on the development corpora', () => {
  it('detects every crisis message of the development corpus, with its kind of danger (the kind picks the numbers)', () => {
    expect(corpus.crisis.filter((c) => detector.detect(c.text)?.category !== c.category).map((c) => `${c.category}: ${c.text}`)).toEqual([]);
  });

  it('raises no alarm on the ordinary messages of the development corpus', () => {
    expect(corpus.benign.filter((text) => detector.detect(text))).toEqual([]);
  });

  it('reads the œ ligature as "oe": "ma petite sœur" is a child in danger', () => {
    expect(detector.detect('ma petite sœur se fait frapper par mon père')?.category).toBe('child_danger');
  });
});
