import type { CaseDesk, CaseRequest } from '../../dialogs/ports.js';
import type { Database } from '../storage/database.js';

/** Case statuses: open (waiting for a référent), assigned (a référent owns the conversation), closed. */
export type CaseStatus = 'open' | 'assigned' | 'closed';

/** Requests for a human, in the database: the référent console (handoff issue) reads this queue, most urgent first. */
export class SqlCaseDesk implements CaseDesk {
  constructor(private readonly db: Database) {}

  async open(request: CaseRequest): Promise<void> {
    // One open case per conversation and reason; a crisis raises the priority of a waiting request.
    const existing = await this.db.query<{ id: string; priority: number }>(
      "select id, priority from cases where conversation_id = $1 and status <> 'closed' order by priority limit 1",
      [request.conversationId],
    );
    const current = existing.rows[0];
    if (current) {
      if (request.priority < current.priority) {
        await this.db.query('update cases set priority = $2, reason = $3, category = $4 where id = $1', [current.id, request.priority, request.reason, request.category ?? null]);
      }
      return;
    }
    await this.db.query(
      'insert into cases (user_ref, conversation_id, channel_id, reason, category, priority, departement) values ($1, $2, $3, $4, $5, $6, $7)',
      [request.userRef, request.conversationId, request.channelId, request.reason, request.category ?? null, request.priority, request.departement ?? null],
    );
  }

  async isHumanInCharge(conversationId: string): Promise<boolean> {
    const { rows } = await this.db.query("select 1 from cases where conversation_id = $1 and status = 'assigned' limit 1", [conversationId]);
    return rows.length > 0;
  }

  /** The waiting queue, most urgent first (for the console and for tests). */
  async queue(): Promise<Array<{ id: string; conversation_id: string; reason: string; category: string | null; priority: number; departement: string | null; status: CaseStatus }>> {
    const { rows } = await this.db.query<{ id: string; conversation_id: string; reason: string; category: string | null; priority: number; departement: string | null; status: CaseStatus }>(
      "select id, conversation_id, reason, category, priority, departement, status from cases where status <> 'closed' order by priority, created_at",
    );
    return rows;
  }
}
