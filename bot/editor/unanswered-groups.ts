import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { SqlFeedbackLog } from '../feedback/sql-feedback-log.js';

export interface UnansweredGroup {
  /** What the young people wrote: questions the base could not answer, or answers they marked not helpful. */
  kind: 'unanswered' | 'not_helpful';
  count: number;
  /** A few of the questions, as stored (personal data already redacted). */
  examples: string[];
  /** The entries that came closest, best first, with their search score. */
  nearestEntries: Array<{ id: string; title: string; score: number }>;
  /** Why a 👎 was given, with how often. */
  reasons: Record<string, number>;
}

const EXAMPLES = 5;

/**
 * The questions to work on, grouped by what they are about: an unanswered question joins the others whose
 * nearest entry is the same (the search's best guess, even below the threshold); a 👎 joins the others about
 * the same entry. Largest groups first.
 */
export async function unansweredGroups(feedback: SqlFeedbackLog, knowledge: KnowledgeBase): Promise<UnansweredGroup[]> {
  const groups = new Map<string, UnansweredGroup>();
  for (const record of await feedback.toImprove()) {
    // A 👎 is about the entry that was shown: only an unanswered question needs the search's nearest entries.
    const rated = record.kind === 'not_helpful' && record.entryId ? [{ id: record.entryId, title: knowledge.titleOf(record.entryId) ?? record.entryId, score: 1 }] : undefined;
    const nearest = rated ?? (await knowledge.retrieve(record.question, { departement: record.departement ?? undefined })).results.slice(0, 3).map((r) => ({ id: r.entry.id, title: r.entry.title, score: Number(r.score.toFixed(3)) }));
    const key = `${record.kind}:${nearest[0]?.id ?? '-'}`;
    const group = groups.get(key) ?? { kind: record.kind, count: 0, examples: [], nearestEntries: nearest, reasons: {} };
    group.count += 1;
    if (group.examples.length < EXAMPLES && !group.examples.includes(record.question)) group.examples.push(record.question);
    if (record.reason) group.reasons[record.reason] = (group.reasons[record.reason] ?? 0) + 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
