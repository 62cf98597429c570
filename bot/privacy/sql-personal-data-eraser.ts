import type { ErasedCounts, PersonalDataEraser } from '../../dialogs/ports.js';
import type { Database } from '../storage/database.js';
import type { DiskScrub } from './disk-scrub.js';

/**
 * Erases what the database keeps about a young person besides the current turn's state (which the
 * conversation deletes itself): the built-in channel's stored messages of all their conversations, the
 * state of their earlier conversations, their feedback and their requests for a human.
 */
export class SqlPersonalDataEraser implements PersonalDataEraser {
  constructor(
    private readonly db: Database,
    /** Takes the deleted rows off the disk too (table files and write-ahead log). */
    private readonly scrub?: DiskScrub,
  ) {}

  async erase(person: { userRef: string; channelId: string; userId: string }): Promise<ErasedCounts> {
    const erased = await this.db.transaction(async (tx) => {
      const conversations = await tx.query<{ id: string }>('select id from dl_conversations where user_id = $1', [person.userId]);
      const ids = conversations.rows.map((r) => r.id);
      // The conversations themselves stay, empty, so an open chat keeps working; their messages go.
      const activities = await tx.query('delete from dl_activities where conversation_id = any($1::text[]) returning seq', [ids]);
      const prefixes = ids.map((id) => `${person.channelId}/conversations/${id}/`);
      prefixes.push(`${person.channelId}/users/${person.userId}/`);
      await tx.query('delete from bot_state where exists (select 1 from unnest($1::text[]) as p(prefix) where starts_with(key, p.prefix))', [prefixes]);
      const feedback = await tx.query('delete from feedback where user_ref = $1 returning id', [person.userRef]);
      const cases = await tx.query('delete from cases where user_ref = $1 returning id', [person.userRef]);
      // What référents could read: every channel's transcript and where to reach the person.
      const transcript = await tx.query('delete from transcript_messages where user_ref = $1 returning id', [person.userRef]);
      await tx.query('delete from conversation_refs where user_ref = $1', [person.userRef]);
      // On Telegram or WhatsApp: their chat id or phone number.
      await tx.query('delete from messaging_contacts where user_ref = $1', [person.userRef]);
      // The built-in channel keeps its own copy of the same messages: count them once.
      return { activities: Math.max(activities.rows.length, transcript.rows.length), feedback: feedback.rows.length, cases: cases.rows.length };
    });
    this.scrub?.request();
    return erased;
  }
}
