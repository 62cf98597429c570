import type { Activity } from 'botbuilder';
import type { Database } from '../storage/database.js';

/** The conversation is not (or no longer) stored: never created, or purged. */
export class UnknownConversation extends Error {
  constructor(conversationId: string) {
    super(`unknown conversation ${conversationId}`);
  }
}

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
   * Appends activities in order, giving each an id "<conversation>|<seq>" and a timestamp, in one statement:
   * the counter update and the inserts are atomic together, so concurrent appends never share a sequence
   * number, and no transaction is opened (on PGlite each statement costs about a millisecond).
   * `completesTurn` marks that message's turn answered in the same statement as its replies, so a crash can
   * never leave stored replies with a turn still pending (it would be answered twice after the restart).
   */
  async append(
    conversationId: string,
    activities: Partial<Activity>[],
    inbound: { clientKey?: string; turnPending?: boolean; completesTurn?: number } = {},
  ): Promise<Array<{ seq: number; activity: Partial<Activity> }>> {
    if (activities.length === 0) return [];
    const timestamped = activities.map((activity) => ({ ...activity, timestamp: activity.timestamp ?? new Date() }));
    // The client key and the pending turn belong to the first activity only (the young person's message of a turn).
    const items = timestamped.map((activity, index) => ({ activity, clientKey: index === 0 ? (inbound.clientKey ?? null) : null, turnPending: index === 0 && !!inbound.turnPending }));
    const { rows } = await this.db.query<{ seq: number }>(
      `with counter as (
         update dl_conversations set next_seq = next_seq + $2, updated_at = now() where id = $1 returning next_seq
       ), done as (
         update dl_activities set turn_pending = false where conversation_id = $1 and seq = $4::int
       )
       insert into dl_activities(conversation_id, seq, activity, client_key, turn_pending)
       select $1, seq, jsonb_set(item->'activity', '{id}', to_jsonb($1 || '|' || (case when seq >= 1000000 then seq::text else lpad(seq::text, 7, '0') end))), item->>'clientKey', (item->>'turnPending')::boolean
       from counter, jsonb_array_elements($3::jsonb) with ordinality as a(item, ord), lateral (select (counter.next_seq - $2 + ord)::int as seq) s
       returning seq`,
      [conversationId, activities.length, JSON.stringify(items), inbound.completesTurn ?? null],
    );
    if (rows.length === 0) throw new UnknownConversation(conversationId);
    const first = Math.min(...rows.map((r) => r.seq));
    return timestamped.map((activity, index) => {
      const seq = first + index;
      return { seq, activity: { ...activity, id: activityId(conversationId, seq) } };
    });
  }

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

/** An activity's id in the built-in channel; the same formula as the SQL in append(). */
function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}
