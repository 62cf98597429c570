import type { Database } from '../storage/database.js';

/**
 * Where to reach each young person who wrote on a messaging app: the platform's chat id or phone number,
 * kept under the conversation's pseudonymous id (never in the transcript, the logs or a case), with when they
 * last wrote (WhatsApp lets a business answer only within 24 hours of that). Erased with their data.
 */
export class MessagingContacts {
  constructor(private readonly db: Database) {}

  /** Records that they wrote; true when this is the first time (or the first since their data was erased). */
  async remember(contact: { conversationId: string; channel: string; address: string; userRef: string; at: Date }): Promise<boolean> {
    const { rows } = await this.db.query<{ inserted: boolean }>(
      `insert into messaging_contacts(conversation_id, channel, address, user_ref, last_inbound_at) values ($1, $2, $3, $4, $5)
       on conflict (conversation_id) do update set address = excluded.address, last_inbound_at = greatest(messaging_contacts.last_inbound_at, excluded.last_inbound_at)
       returning (xmax = 0) as inserted`,
      [contact.conversationId, contact.channel, contact.address, contact.userRef, contact.at],
    );
    return rows[0]?.inserted === true;
  }

  async find(conversationId: string): Promise<{ address: string; lastInboundAt: Date } | undefined> {
    const { rows } = await this.db.query<{ address: string; last_inbound_at: Date | string }>('select address, last_inbound_at from messaging_contacts where conversation_id = $1', [conversationId]);
    return rows[0] ? { address: rows[0].address, lastInboundAt: new Date(rows[0].last_inbound_at) } : undefined;
  }
}
