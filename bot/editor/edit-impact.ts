import { existsSync } from 'node:fs';
import { answerChanges, type KnownQuestion } from '../../knowledge/evaluation/answer-changes.js';
import { loadEvalQuestions } from '../../knowledge/evaluation/eval-set.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { SqlFeedbackLog } from '../feedback/sql-feedback-log.js';

/** A changed answer as the page shows it: the question, and the entry before and after (null: a person). */
export interface ImpactChange {
  question: string;
  departement: string | null;
  from: KnownQuestion['from'];
  before: { id: string; title: string } | null;
  after: { id: string; title: string } | null;
  /** For a labelled question: whether the answer before, and after, was one of the right ones. */
  rightBefore?: boolean;
  rightAfter?: boolean;
}

/**
 * Which known questions a draft would answer otherwise: the labelled questions and those young people asked
 * that went unanswered or got a 👎, answered by the published base and by a candidate base with the draft.
 * One at a time per instance: a candidate's indexes take seconds of a worker thread to build.
 */
export class EditImpact {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly feedback: SqlFeedbackLog,
    private readonly knownQuestionsDir: string | undefined,
  ) {}

  of(changes: ReadonlyArray<{ file: string; text: string }>): Promise<{ compared: { eval: number; asked: number }; changes: ImpactChange[] }> {
    const next = this.queue.then(() => this.compute(changes));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async compute(files: ReadonlyArray<{ file: string; text: string }>) {
    const labelled: KnownQuestion[] = this.knownQuestionsDir && existsSync(this.knownQuestionsDir) ? loadEvalQuestions(this.knownQuestionsDir).map((q) => ({ question: q.q, departement: q.departement, from: 'eval', expected: q.expect })) : [];
    const seen = new Set(labelled.map((q) => `${q.departement ?? ''}|${q.question}`));
    const asked: KnownQuestion[] = [];
    for (const record of await this.feedback.toImprove()) {
      const key = `${record.departement ?? ''}|${record.question}`;
      if (seen.has(key)) continue;
      seen.add(key);
      asked.push({ question: record.question, departement: record.departement ?? undefined, from: 'asked' });
    }
    const candidate = await this.knowledge.candidate(files);
    const named = (id: string | null) => (id ? { id, title: candidate.titleOf(id) ?? this.knowledge.titleOf(id) ?? id } : null);
    const right = (id: string | null, expected: string[]) => (id === null ? expected.length === 0 : expected.includes(id));
    const changes = (await answerChanges(this.knowledge, candidate, [...labelled, ...asked])).map((c) => ({
      question: c.question,
      departement: c.departement ?? null,
      from: c.from,
      before: named(c.before),
      after: named(c.after),
      ...(c.expected ? { rightBefore: right(c.before, c.expected), rightAfter: right(c.after, c.expected) } : {}),
    }));
    return { compared: { eval: labelled.length, asked: asked.length }, changes };
  }
}
