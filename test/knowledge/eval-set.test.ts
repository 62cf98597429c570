import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEntries } from '../../knowledge/content/load-entries.js';
import { loadEvalQuestions, loadSafetyCorpora } from '../../knowledge/evaluation/eval-set.js';
import { foldText } from '../../knowledge/search/fold-text.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';

const questions = loadEvalQuestions(path.resolve('test/eval'));
const { entries } = loadEntries(path.resolve('knowledge'), CONTENT_FOLDERS);

describe('evaluation sets', () => {
  it('has at least 200 labelled questions, and every expected entry exists', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    const ids = new Set(entries.map((e) => e.id));
    expect([...new Set(questions.flatMap((q) => q.expect).filter((id) => !ids.has(id)))]).toEqual([]);
  });

  it("is kept out of the entries' own questions, so retrieval is never tuned on it", () => {
    const entryQuestions = new Set(entries.flatMap((e) => e.questions.map((q) => foldText(q).trim())));
    expect(questions.filter((q) => entryQuestions.has(foldText(q.q).trim())).map((q) => q.q)).toEqual([]);
  });

  it('has at least 80 crisis messages and 300 ordinary ones', () => {
    const corpus = loadSafetyCorpora(path.resolve('knowledge/safety'))!;
    expect(corpus.crisis.length).toBeGreaterThanOrEqual(80);
    expect(corpus.benign.length).toBeGreaterThanOrEqual(300);
  });
});
