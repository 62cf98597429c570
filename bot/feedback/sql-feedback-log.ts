import type { FeedbackLog, FeedbackRecord } from '../../dialogs/ports.js';
import type { Database } from '../storage/database.js';

/** Thumbs and unanswered questions for editors (questions arrive already redacted). */
export class SqlFeedbackLog implements FeedbackLog {
  constructor(private readonly db: Database) {}

  async record(record: FeedbackRecord): Promise<void> {
    await this.db.query(
      'insert into feedback (user_ref, kind, question, entry_id, reason, departement, confidence) values ($1, $2, $3, $4, $5, $6, $7)',
      [record.userRef, record.kind, record.question, record.entryId ?? null, record.reason ?? null, record.departement ?? null, record.confidence ?? null],
    );
  }

  /** The latest records, newest first (for editors' tools and tests). */
  async latest(limit = 100): Promise<Array<{ kind: string; question: string; entry_id: string | null; reason: string | null; departement: string | null }>> {
    const { rows } = await this.db.query<{ kind: string; question: string; entry_id: string | null; reason: string | null; departement: string | null }>(
      'select kind, question, entry_id, reason, departement from feedback order by id desc limit $1',
      [limit],
    );
    return rows;
  }

  /** What the base could not answer, and the answers marked not helpful, newest first: what editors work from. */
  async toImprove(limit = 500): Promise<Array<{ kind: 'unanswered' | 'not_helpful'; question: string; entryId: string | null; reason: string | null; departement: string | null }>> {
    const { rows } = await this.db.query<{ kind: 'unanswered' | 'not_helpful'; question: string; entry_id: string | null; reason: string | null; departement: string | null }>(
      "select kind, question, entry_id, reason, departement from feedback where kind in ('unanswered', 'not_helpful') order by id desc limit $1",
      [limit],
    );
    return rows.map((r) => ({ kind: r.kind, question: r.question, entryId: r.entry_id, reason: r.reason, departement: r.departement }));
  }
}
