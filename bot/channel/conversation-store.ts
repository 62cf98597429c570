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
  async append(conversationId: string, activities: Partial<Activity>[], inbound: { clientKey?: string; turnPending?: boolean } = {}): Promise<Array<{ seq: number; activity: Partial<Activity> }>> {
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
      for (const [index, { seq, activity }] of stored.entries()) {
        // The client key and the pending turn belong to the first activity only (the young person's message of a turn).
        const first = index === 0;
        await tx.query('insert into dl_activities(conversation_id, seq, activity, client_key, turn_pending) values ($1, $2, $3::jsonb, $4, $5)', [
          conversationId,
          seq,
          JSON.stringify(activity),
          first ? (inbound.clientKey ?? null) : null,
          first && !!inbound.turnPending,
        ]);
      }
      return stored;
    });
  }

  /** The turn of this message has finished (answered, or failed and apologised for). */
  async turnDone(conversationId: string, seq: number): Promise<void> {
    await this.db.query('update dl_activities set turn_pending = false where conversation_id = $1 and seq = $2', [conversationId, seq]);
  }

  async isTurnPending(conversationId: string, seq: number): Promise<boolean> {
    const { rows } = await this.db.query<{ turn_pending: boolean }>('select turn_pending from dl_activities where conversation_id = $1 and seq = $2', [conversationId, seq]);
    return rows[0]?.turn_pending === true;
  }

  /** Messages whose turn never finished (the process stopped in between), oldest first. */
  async pendingTurns(): Promise<Array<{ conversationId: string; seq: number; activity: Partial<Activity> }>> {
    const { rows } = await this.db.query<{ conversation_id: string; seq: number; activity: Partial<Activity> }>(
      'select conversation_id, seq, activity from dl_activities where turn_pending order by conversation_id, seq',
    );
    return rows.map((row) => ({ conversationId: row.conversation_id, seq: row.seq, activity: row.activity }));
  }

  /** The id of the activity a client already posted under this key, if any. */
  async idForClientKey(conversationId: string, clientKey: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ activity: Partial<Activity> }>('select activity from dl_activities where conversation_id = $1 and client_key = $2', [conversationId, clientKey]);
    return rows[0]?.activity.id;
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
