import type { Database } from '../storage/database.js';
import { storableString } from '../storage/storable-json.js';

export type Sender = 'user' | 'bot' | 'referent';

export interface TranscriptMessage {
  id: string;
  from: Sender;
  name: string | null;
  text: string;
  timestamp: string;
  /** A référent's message: false while it waits for the young person. */
  seen?: boolean;
}

/** Longest text kept per message: the bot reads 1 000 characters; a little more keeps context for the référent. */
const MAX_TEXT = 4000;

/**
 * Every channel's messages, so a référent sees the whole conversation, and where to reach the
 * young person on channels other than the built-in one. Erased with the rest of their data.
 */
export class TranscriptStore {
  constructor(private readonly db: Pick<Database, 'query'>) {}

  async append(message: { conversationId: string; channelId: string; userRef: string; from: Sender; name?: string; text: string; seen?: boolean }): Promise<void> {
    await this.appendTurn({ conversationId: message.conversationId, channelId: message.channelId, userRef: message.userRef }, [message]);
  }

  /** A turn's messages in one statement, in order (a turn's cost is counted in statements). */
  async appendTurn(conversation: { conversationId: string; channelId: string; userRef: string }, messages: Array<{ from: Sender; name?: string; text: string; seen?: boolean }>): Promise<void> {
    const rows = storableRows(messages);
    if (rows.length === 0) return;
    await this.db.query(INSERT_ROWS, rowParams(conversation, rows));
  }

  /**
   * A turn of the conversation's own channel, in the same statement as what its unfinished case (if any) must
   * know: a message from the young person counts as unread for the référent. Returns that case's id, or
   * undefined when the conversation has no unfinished case (most turns) or nothing was written.
   */
  async appendTurnToCase(conversation: { conversationId: string; channelId: string; userRef: string }, messages: Array<{ from: Sender; text: string }>): Promise<string | undefined> {
    const rows = storableRows(messages);
    if (rows.length === 0) return undefined;
    const fromUser = rows.some((r) => r.from === 'user');
    const { rows: cases } = await this.db.query<{ id: string }>(
      `with inserted as (${INSERT_ROWS}),
            noted as (update cases set unread = unread + 1, last_message_at = now() where $8 and conversation_id = $1 and status <> 'closed' returning id),
            quiet as (select id from cases where not $8 and conversation_id = $1 and status <> 'closed')
       select id::text as id from noted union all select id::text as id from quiet`,
      [...rowParams(conversation, rows), fromUser],
    );
    return cases[0]?.id;
  }

  /** The young person's chat has shown what was waiting: returns how many référent messages that was. */
  async markSeen(conversationId: string): Promise<number> {
    const { rows } = await this.db.query(
      "update transcript_messages set seen_at = now() where conversation_id = $1 and sender = 'referent' and seen_at is null returning id",
      [conversationId],
    );
    return rows.length;
  }

  async messages(conversationId: string, limit = 1000): Promise<TranscriptMessage[]> {
    const { rows } = await this.db.query<{ id: string; sender: Sender; sender_name: string | null; text: string; created_at: Date | string; seen: boolean }>(
      `select id::text as id, sender, sender_name, text, created_at, seen_at is not null as seen from (
         select * from transcript_messages where conversation_id = $1 order by id desc limit $2
       ) last order by id`,
      [conversationId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      from: r.sender,
      name: r.sender_name,
      text: r.text,
      timestamp: new Date(r.created_at).toISOString(),
      ...(r.sender === 'referent' ? { seen: r.seen } : {}),
    }));
  }

  async saveReference(conversationId: string, channelId: string, userRef: string, reference: unknown): Promise<void> {
    await this.db.query(
      `insert into conversation_refs(conversation_id, channel_id, user_ref, reference) values ($1, $2, $3, $4::jsonb)
       on conflict (conversation_id) do update set reference = excluded.reference, updated_at = now()`,
      [conversationId, channelId, userRef, JSON.stringify(reference)],
    );
  }

  async reference<T>(conversationId: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ reference: T }>('select reference from conversation_refs where conversation_id = $1', [conversationId]);
    return rows[0]?.reference;
  }
}

/** PostgreSQL text refuses NUL and lone surrogates: drop them rather than lose the message. */
export function storableText(text: string): string {
  return storableString(text.slice(0, MAX_TEXT)).trim();
}

const INSERT_ROWS = `insert into transcript_messages(conversation_id, channel_id, user_ref, sender, sender_name, text, seen_at)
  select $1, $2, $3, m.sender, m.sender_name, m.text, case when m.seen then now() end
    from unnest($4::text[], $5::text[], $6::text[], $7::boolean[]) with ordinality as m(sender, sender_name, text, seen, n) order by m.n`;

function storableRows(messages: Array<{ from: Sender; name?: string; text: string; seen?: boolean }>) {
  return messages.map((m) => ({ ...m, text: storableText(m.text) })).filter((m) => m.text);
}

function rowParams(conversation: { conversationId: string; channelId: string; userRef: string }, rows: ReturnType<typeof storableRows>): unknown[] {
  return [conversation.conversationId, conversation.channelId, conversation.userRef, rows.map((r) => r.from), rows.map((r) => r.name ?? null), rows.map((r) => r.text), rows.map((r) => r.seen ?? false)];
}
