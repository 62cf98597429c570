import { afterAll, describe, expect, it, vi } from 'vitest';
import { AgeRecognizer } from '../../dialogs/profile/age-recognizer.js';
import { FrenchAgeParser } from '../../dialogs/profile/french-age-parser.js';

describe('age recognizer (French recognizers in a worker thread)', () => {
  const ages = new AgeRecognizer();
  afterAll(() => ages.close());

  it('reads ages and dates of birth, each request getting its own answer even when sent together', async () => {
    const today = new Date('2026-11-30T12:00:00Z');
    const answers = await Promise.all(["j'ai 19 ans", 'dix-neuf ans', 'née le 3 mars 2006', '21', 'je sais pas', "j'ai 150 ans"].map((text) => ages.recognize(text, today)));
    expect(answers).toEqual([19, 19, 20, 21, undefined, undefined]);
  });

  it('reads the plainest answers without starting the worker, and the same as the recognizers do', async () => {
    const plain = new AgeRecognizer();
    try {
      const today = new Date('2026-11-30T12:00:00Z');
      const texts = ['19', "j'ai 19 ans", 'jai 20ans', '18 ans.', '150', '07'];
      const fast = await Promise.all(texts.map((text) => plain.recognize(text, today)));
      expect(fast).toEqual([19, 19, 20, 18, undefined, undefined]);
      expect(plain.running).toBe(false);
      // Microsoft's recognizers, which the worker runs, read each of them the same.
      const parser = new FrenchAgeParser();
      expect(texts.map((text) => parser.recognize(text, today))).toEqual(fast);
    } finally {
      await plain.close();
    }
  });

  it('stops its worker when idle, and starts it again for the next answer', async () => {
    const idle = new AgeRecognizer({ idleMs: 300 });
    try {
      expect(await idle.recognize('dix-huit ans', new Date('2026-11-30T12:00:00Z'))).toBe(18);
      expect(idle.running).toBe(true);
      await vi.waitFor(() => expect(idle.running).toBe(false), { timeout: 10_000, interval: 100 });
      expect(await idle.recognize('vingt et un ans', new Date('2026-11-30T12:00:00Z'))).toBe(21);
    } finally {
      await idle.close();
    }
  });

  it('starts again after being closed', async () => {
    await ages.close();
    expect(await ages.recognize('vingt ans', new Date('2026-11-30T12:00:00Z'))).toBe(20);
  });
});
