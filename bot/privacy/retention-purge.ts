import type { Database } from '../storage/database.js';

export interface PurgedCounts {
  conversations: number;
  messages: number;
  feedback: number;
  cases: number;
  states: number;
}

/**
 * RETENTION_DAYS: what a young person wrote is kept no longer than this after their last message, even if they
 * never ask for it to be erased. A conversation is purged only when no case about it is still open; closed cases,
 * their notes and the feedback (with its question text) go after the same delay. The audit log, which holds no
 * message text, stays.
 */
export class RetentionPurge {
  constructor(
    private readonly db: Database,
    private readonly days: number,
    private readonly channelId = 'directline',
  ) {}

  async run(now = new Date()): Promise<PurgedCounts> {
    const cutoff = new Date(now.getTime() - this.days * 24 * 60 * 60 * 1000);
    return this.db.transaction(async (tx) => {
      // Conversations quiet since the cutoff, on every channel, unless a référent still has a case open on them.
      const idle = await tx.query<{ id: string }>(
        `select id from (
           select conversation_id as id, max(created_at) as last from transcript_messages group by conversation_id
           union all
           select id, updated_at as last from dl_conversations
         ) as c
         group by id
         having max(last) < $1
            and not exists (select 1 from cases where cases.conversation_id = c.id and cases.status <> 'closed')`,
        [cutoff],
      );
      const ids = idle.rows.map((r) => r.id);
      const transcript = await tx.query('delete from transcript_messages where conversation_id = any($1::text[]) returning id', [ids]);
      const activities = await tx.query('delete from dl_activities where conversation_id = any($1::text[]) returning seq', [ids]);
      await tx.query('delete from conversation_refs where conversation_id = any($1::text[])', [ids]);
      await tx.query('delete from messaging_contacts where conversation_id = any($1::text[])', [ids]);
      // A messaging app's conversation id starts with its channel ("telegram:…"); the state is kept under it.
      const prefixes = ids.map((id) => `${/^(telegram|whatsapp):/.exec(id)?.[1] ?? this.channelId}/conversations/${id}/`);
      const conversationStates = await tx.query('delete from bot_state where exists (select 1 from unnest($1::text[]) as p(prefix) where starts_with(key, p.prefix)) returning key', [prefixes]);
      await tx.query('delete from dl_conversations where id = any($1::text[])', [ids]);
      // Profiles (département, age) of people who have not written since the cutoff.
      const userStates = await tx.query("delete from bot_state where key like '%/users/%' and updated_at < $1 returning key", [cutoff]);
      const cases = await tx.query("delete from cases where status = 'closed' and coalesce(closed_at, created_at) < $1 returning id", [cutoff]);
      const feedback = await tx.query('delete from feedback where created_at < $1 returning id', [cutoff]);
      return {
        conversations: ids.length,
        messages: Math.max(transcript.rows.length, activities.rows.length),
        feedback: feedback.rows.length,
        cases: cases.rows.length,
        states: conversationStates.rows.length + userStates.rows.length,
      };
    });
  }
}
