import type { CaseRequest } from '../../dialogs/ports.js';
import type { Database, Queryable } from '../storage/database.js';

export type CaseStatus = 'open' | 'assigned' | 'released' | 'closed';
export type CaseReason = CaseRequest['reason'];

export interface CaseRecord {
  id: string;
  userRef: string;
  conversationId: string;
  channelId: string;
  reason: CaseReason;
  category: string | null;
  priority: number;
  departement: string | null;
  status: CaseStatus;
  createdAt: Date;
  waitingSince: Date;
  assignedTo: { id: string; name: string; title: string } | null;
  assignedAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  flagged: boolean;
  unread: number;
  lastMessageAt: Date | null;
  shared: { age?: number; situation?: string };
}

export interface CaseNote {
  id: string;
  author: string;
  text: string;
  timestamp: string;
}

const SELECT = `
  select c.id::text as id, c.user_ref, c.conversation_id, c.channel_id, c.reason, c.category, c.priority, c.departement, c.status,
         c.created_at, c.waiting_since, c.assigned_to::text as assigned_to, r.name as assigned_name, r.title as assigned_title,
         c.assigned_at, c.closed_at, c.outcome, c.flagged, c.unread, c.last_message_at, c.shared
    from cases c left join referents r on r.id = c.assigned_to`;

/** Crisis first, then explicit requests, then "not found twice", then the longest wait. */
const QUEUE_ORDER = 'order by c.priority, c.waiting_since, c.id';

interface CaseRow {
  id: string;
  user_ref: string;
  conversation_id: string;
  channel_id: string;
  reason: CaseReason;
  category: string | null;
  priority: number;
  departement: string | null;
  status: CaseStatus;
  created_at: Date | string;
  waiting_since: Date | string;
  assigned_to: string | null;
  assigned_name: string | null;
  assigned_title: string | null;
  assigned_at: Date | string | null;
  closed_at: Date | string | null;
  outcome: string | null;
  flagged: boolean;
  unread: number;
  last_message_at: Date | string | null;
  shared: CaseRecord['shared'] | null;
}

/** The cases table: requests for a human and their lifecycle (open → assigned ⇄ released → closed). */
export class CaseRepository {
  constructor(private readonly db: Database) {}

  /**
   * Opens the conversation's case, or updates the unfinished one: a crisis raises its priority and flags it,
   * a new request after a hand-back puts it back in the queue. One unfinished case per conversation (unique index).
   */
  async openOrUpdate(request: CaseRequest): Promise<{ record: CaseRecord; change: 'opened' | 'raised' | 'reopened' | 'flagged' | 'unchanged' }> {
    return this.db.transaction(async (tx) => {
      const current = (await tx.query<CaseRow>(`${SELECT} where c.conversation_id = $1 and c.status <> 'closed' for update of c`, [request.conversationId])).rows[0];
      const shared = JSON.stringify(request.shared ?? {});
      if (!current) {
        const inserted = await tx.query<{ id: string }>(
          `insert into cases (user_ref, conversation_id, channel_id, reason, category, priority, departement, shared)
           values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
           on conflict (conversation_id) where status <> 'closed' do nothing returning id::text as id`,
          [request.userRef, request.conversationId, request.channelId, request.reason, request.category ?? null, request.priority, request.departement ?? null, shared],
        );
        const id = inserted.rows[0]?.id;
        // A concurrent turn of another instance opened it first: that case is the one.
        const record = id ? await this.getIn(tx, id) : await this.unfinishedIn(tx, request.conversationId);
        return { record: record!, change: id ? 'opened' : 'unchanged' };
      }
      const isCrisis = request.reason === 'crisis';
      const raised = request.priority < current.priority;
      const reopen = current.status === 'released';
      const flag = isCrisis && current.status === 'assigned';
      if (!raised && !reopen && !flag) return { record: toRecord(current), change: 'unchanged' };
      await tx.query(
        `update cases set
           priority = least(priority, $2),
           reason = case when $2 < priority then $3 else reason end,
           category = case when $2 < priority then $4 else category end,
           status = case when status = 'released' then 'open' else status end,
           waiting_since = case when status = 'released' then now() else waiting_since end,
           flagged = flagged or $5,
           departement = coalesce(departement, $6),
           shared = shared || $7::jsonb
         where id = $1`,
        [current.id, request.priority, request.reason, request.category ?? null, flag || (isCrisis && current.status !== 'open'), request.departement ?? null, shared],
      );
      return { record: (await this.getIn(tx, current.id))!, change: flag ? 'flagged' : reopen ? 'reopened' : 'raised' };
    });
  }

  async get(id: string): Promise<CaseRecord | undefined> {
    return this.getIn(this.db, id);
  }

  async unfinished(conversationId: string): Promise<CaseRecord | undefined> {
    return this.unfinishedIn(this.db, conversationId);
  }

  async list(filter: { statuses: CaseStatus[]; departements?: string[]; limit?: number }): Promise<CaseRecord[]> {
    const params: unknown[] = [filter.statuses];
    let where = 'where c.status = any($1::text[])';
    if (filter.departements) {
      params.push(filter.departements);
      where += ` and c.departement = any($${params.length}::text[])`;
    }
    params.push(filter.limit ?? 2000);
    const { rows } = await this.db.query<CaseRow>(`${SELECT} ${where} ${QUEUE_ORDER} limit $${params.length}`, params);
    return rows.map(toRecord);
  }

  /** Takes the case for a référent unless someone else holds it; undefined on conflict. */
  async take(id: string, referentId: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      `update cases set status = 'assigned', assigned_to = $2, assigned_at = now()
        where id = $1 and (status in ('open', 'released') or (status = 'assigned' and assigned_to = $2)) returning id::text as id`,
      [id, referentId],
    );
    return rows[0] ? this.get(id) : undefined;
  }

  /** A coordinator gives the case to a référent; the conversation is theirs to take over. */
  async assign(id: string, referentId: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      `update cases set assigned_to = $2, assigned_at = case when status = 'assigned' then now() else assigned_at end
        where id = $1 and status <> 'closed' returning id::text as id`,
      [id, referentId],
    );
    return rows[0] ? this.get(id) : undefined;
  }

  async release(id: string, referentId: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      `update cases set status = 'released', flagged = false where id = $1 and status = 'assigned' and assigned_to = $2 returning id::text as id`,
      [id, referentId],
    );
    return rows[0] ? this.get(id) : undefined;
  }

  async close(id: string, outcome: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      `update cases set status = 'closed', closed_at = now(), outcome = $2, flagged = false where id = $1 and status <> 'closed' returning id::text as id`,
      [id, outcome],
    );
    return rows[0] ? this.get(id) : undefined;
  }

  /** A contact-centre platform accepted (it holds the conversation), completed or failed the handoff. */
  async applyPlatformStatus(conversationId: string, state: 'accepted' | 'completed' | 'failed'): Promise<CaseRecord | undefined> {
    const sql = {
      accepted: "update cases set status = 'assigned', assigned_to = null, assigned_at = now() where conversation_id = $1 and status <> 'closed' returning id::text as id",
      completed: "update cases set status = 'closed', closed_at = now(), outcome = 'Terminé par la plateforme de relais' where conversation_id = $1 and status <> 'closed' returning id::text as id",
      failed: "update cases set status = 'open', assigned_to = null, assigned_at = null where conversation_id = $1 and status <> 'closed' returning id::text as id",
    }[state];
    const { rows } = await this.db.query<{ id: string }>(sql, [conversationId]);
    return rows[0] ? this.get(rows[0].id) : undefined;
  }

  /** A message of the young person arrived: count it unread on their unfinished case. */
  /** Whether a référent holds the conversation's case: the bot stays silent (a light query, asked on every turn). */
  async isAssigned(conversationId: string): Promise<boolean> {
    const { rows } = await this.db.query("select 1 from cases where conversation_id = $1 and status = 'assigned' limit 1", [conversationId]);
    return rows.length > 0;
  }

  async markRead(id: string): Promise<void> {
    await this.db.query('update cases set unread = 0 where id = $1', [id]);
  }

  async addNote(caseId: string, authorId: string, text: string): Promise<CaseNote> {
    const { rows } = await this.db.query<{ id: string; created_at: Date | string; author: string }>(
      `with inserted as (insert into case_notes(case_id, author_id, text) values ($1, $2, $3) returning id, created_at, author_id)
       select i.id::text as id, i.created_at, coalesce(r.name, '?') as author from inserted i left join referents r on r.id = i.author_id`,
      [caseId, authorId, text],
    );
    const row = rows[0]!;
    return { id: row.id, author: row.author, text, timestamp: new Date(row.created_at).toISOString() };
  }

  async notes(caseId: string): Promise<CaseNote[]> {
    const { rows } = await this.db.query<{ id: string; author: string | null; text: string; created_at: Date | string }>(
      'select n.id::text as id, r.name as author, n.text, n.created_at from case_notes n left join referents r on r.id = n.author_id where n.case_id = $1 order by n.id',
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, author: r.author ?? '?', text: r.text, timestamp: new Date(r.created_at).toISOString() }));
  }

  private async getIn(db: Queryable, id: string): Promise<CaseRecord | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = (await db.query<CaseRow>(`${SELECT} where c.id = $1`, [id])).rows[0];
    return row ? toRecord(row) : undefined;
  }

  private async unfinishedIn(db: Queryable, conversationId: string): Promise<CaseRecord | undefined> {
    const row = (await db.query<CaseRow>(`${SELECT} where c.conversation_id = $1 and c.status <> 'closed'`, [conversationId])).rows[0];
    return row ? toRecord(row) : undefined;
  }
}

function toRecord(row: CaseRow): CaseRecord {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    userRef: row.user_ref,
    conversationId: row.conversation_id,
    channelId: row.channel_id,
    reason: row.reason,
    category: row.category,
    priority: Number(row.priority),
    departement: row.departement,
    status: row.status,
    createdAt: new Date(row.created_at),
    waitingSince: new Date(row.waiting_since),
    assignedTo: row.assigned_to ? { id: row.assigned_to, name: row.assigned_name ?? '?', title: row.assigned_title ?? '' } : null,
    assignedAt: date(row.assigned_at),
    closedAt: date(row.closed_at),
    outcome: row.outcome,
    flagged: row.flagged,
    unread: Number(row.unread),
    lastMessageAt: date(row.last_message_at),
    shared: row.shared ?? {},
  };
}
