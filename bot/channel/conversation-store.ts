import type { Activity } from 'botbuilder';
import type { Database } from '../storage/database.js';

export interface StoredConversation {
  id: string;
  userId: string;
  /** Sequence number of the last stored activity: the conversation's current watermark. */
  watermark: number;
}

/** Conversations and activities of the built-in Direct Line channel, kept in the database so a restart loses nothing. */
export class ConversationStore {
  constructor(private readonly db: Database) {}

  /** Creates the conversation if it does not exist yet; returns it either way. */
  async ensure(conversationId: string, userId: string): Promise<{ conversation: StoredConversation; created: boolean }> {
    const inserted = await this.db.query<{ id: string }>(
      'insert into dl_conversations(id, user_id) values ($1, $2) on conflict (id) do nothing returning id',
      [conversationId, userId],
    );
    const conversation = await this.get(conversationId);
    if (!conversation) throw new Error(`ConversationStore.ensure(): conversation ${conversationId} vanished after insert`);
    return { conversation, created: inserted.rows.length > 0 };
  }

  async get(conversationId: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.db.query<{ id: string; user_id: string; next_seq: number }>(
      'select id, user_id, next_seq from dl_conversations where id = $1',
      [conversationId],
    );
    const row = rows[0];
    return row ? { id: row.id, userId: row.user_id, watermark: row.next_seq } : undefined;
  }

  /**
   * Appends activities in order, giving each an id "<conversation>|<seq>" and a timestamp.
   * The counter update is atomic, so concurrent appends never share a sequence number.
   */
  async append(conversationId: string, activities: Partial<Activity>[]): Promise<Array<{ seq: number; activity: Partial<Activity> }>> {
    if (activities.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ next_seq: number }>(
        'update dl_conversations set next_seq = next_seq + $2, updated_at = now() where id = $1 returning next_seq',
        [conversationId, activities.length],
      );
      const last = rows[0]?.next_seq;
      if (last === undefined) throw new Error(`ConversationStore.append(): unknown conversation ${conversationId}`);
      const first = last - activities.length + 1;
      const stored = activities.map((activity, index) => {
        const seq = first + index;
        return {
          seq,
          activity: { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}`, timestamp: activity.timestamp ?? new Date() },
        };
      });
      for (const { seq, activity } of stored) {
        await tx.query('insert into dl_activities(conversation_id, seq, activity) values ($1, $2, $3::jsonb)', [conversationId, seq, JSON.stringify(activity)]);
      }
      return stored;
    });
  }

  /** Activities after the watermark, oldest first, with the new watermark. */
  async since(conversationId: string, watermark: number, limit = 500): Promise<{ activities: Partial<Activity>[]; watermark: number }> {
    const { rows } = await this.db.query<{ seq: number; activity: Partial<Activity> }>(
      'select seq, activity from dl_activities where conversation_id = $1 and seq > $2 order by seq limit $3',
      [conversationId, watermark, limit],
    );
    const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : watermark;
    return { activities: rows.map((row) => row.activity), watermark: lastSeq };
  }
}
