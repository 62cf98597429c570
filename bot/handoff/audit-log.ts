import type { Database } from '../storage/database.js';

export type AuditAction = 'login' | 'login_failed' | 'logout' | 'password' | 'view' | 'take' | 'message' | 'note' | 'hand_back' | 'close' | 'assign' | 'entry_published' | 'entry_reverted';

export interface AuditRow {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: AuditAction;
  caseId: string | null;
  detail: string | null;
}

/** Who did what to which case, append-only (a trigger refuses updates and deletes). Never message text. */
export class AuditLog {
  constructor(private readonly db: Pick<Database, 'query'>) {}

  async append(entry: { actorId: string | null; action: AuditAction; caseId?: string; detail?: string }): Promise<void> {
    await this.db.query('insert into audit_log(actor_id, action, case_id, detail) values ($1, $2, $3, $4)', [
      entry.actorId,
      entry.action,
      entry.caseId ?? null,
      entry.detail?.slice(0, 200) ?? null,
    ]);
  }

  async recent(limit: number): Promise<AuditRow[]> {
    const { rows } = await this.db.query<{ id: string; at: Date | string; actor_id: string | null; actor_name: string | null; action: AuditAction; case_id: string | null; detail: string | null }>(
      `select a.id::text as id, a.at, a.actor_id::text as actor_id, r.name as actor_name, a.action, a.case_id::text as case_id, a.detail
         from audit_log a left join referents r on r.id = a.actor_id order by a.id desc limit $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '?' } : null,
      action: r.action,
      caseId: r.case_id,
      detail: r.detail,
    }));
  }
}
