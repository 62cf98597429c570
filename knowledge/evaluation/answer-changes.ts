import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { KnowledgeBase } from '../knowledge-base.js';

/** A question whose right answer is known or wanted: from the labelled set, or one that young people asked. */
export interface KnownQuestion {
  question: string;
  departement?: string;
  from: 'eval' | 'asked';
  /** For a labelled question, the entries that answer it ([] when the right answer is a person). */
  expected?: string[];
}

/** A known question that an edit would answer otherwise (null: the bot passes it to a person). */
export interface AnswerChange extends KnownQuestion {
  before: string | null;
  after: string | null;
}

/**
 * The known questions that two contents answer differently: what an editor's change would do beyond the
 * question they had in mind. Runs on the thread that answers young people, so it yields between questions.
 */
export async function answerChanges(live: KnowledgeBase, candidate: KnowledgeBase, questions: readonly KnownQuestion[]): Promise<AnswerChange[]> {
  const changes: AnswerChange[] = [];
  for (const known of questions) {
    const before = await live.decision(known.question, known.departement);
    const after = await candidate.decision(known.question, known.departement);
    if (before !== after) changes.push({ ...known, before, after });
    await yieldToOthers();
  }
  return changes;
}
