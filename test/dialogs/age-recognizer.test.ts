import { afterAll, describe, expect, it } from 'vitest';
import { AgeRecognizer } from '../../dialogs/profile/age-recognizer.js';

describe('age recognizer (French recognizers in a worker thread)', () => {
  const ages = new AgeRecognizer();
  afterAll(() => ages.close());

  it('reads ages and dates of birth, each request getting its own answer even when sent together', async () => {
    const today = new Date('2026-11-30T12:00:00Z');
    const answers = await Promise.all(["j'ai 19 ans", 'dix-neuf ans', 'née le 3 mars 2006', '21', 'je sais pas', "j'ai 150 ans"].map((text) => ages.recognize(text, today)));
    expect(answers).toEqual([19, 19, 20, 21, undefined, undefined]);
  });

  it('starts again after being closed', async () => {
    await ages.close();
    expect(await ages.recognize('vingt ans', new Date('2026-11-30T12:00:00Z'))).toBe(20);
  });
});
