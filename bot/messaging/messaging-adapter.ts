import { randomBytes } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { BOT_ACCOUNT } from '../channel/directline-channel.js';
import type { ReplyWindow } from '../handoff/delivery.js';
import type { MessagingContacts } from './messaging-contacts.js';
import type { InboundMessage, MessagingPlatform } from './messaging-platform.js';

/** The address of the young person whose message this turn answers: replies reach them even after an erase in the turn. */
const ADDRESS = Symbol('messagingAddress');
/** Set when a reply of the turn could not be sent: the turn's caller must not count the message as answered. */
const UNDELIVERED = Symbol('messagingUndelivered');

/**
 * A Bot Framework adapter for one messaging app (Telegram, WhatsApp): a webhook's message becomes an activity
 * and a turn of the same bot, with the same middleware (transcripts, handoff), as Web Chat's; the bot's replies
 * go back through the platform. Conversations and users are known by pseudonyms (a keyed hash of the chat id
 * or phone number); the real address is kept apart, in messaging_contacts, and erased with the rest.
 */
export class MessagingAdapter extends BotAdapter {
  constructor(
    readonly platform: MessagingPlatform,
    private readonly contacts: MessagingContacts,
    /** Keyed hash of a platform address (the server's secret key): stable, not reversible. */
    private readonly pseudonym: (channelId: string, address: string) => string,
    /** The same pseudonymous user reference as every channel's (erasure and feedback find it). */
    private readonly userRefOf: (channelId: string, userId: string) => string,
  ) {
    super();
  }

  get channelId(): string {
    return this.platform.channelId;
  }

  conversationIdOf(address: string): string {
    return `${this.channelId}:${this.pseudonym(this.channelId, address)}`;
  }

  /**
   * Runs the bot's turn for one message from the app. Someone writing for the first time (or again after an
   * erase) gets the welcome first, as Web Chat shows it when it opens: what Relais is, the emergency numbers,
   * how to erase; then the answer to what they wrote. Throws when a reply could not be sent.
   */
  async receive(message: InboundMessage, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const conversationId = this.conversationIdOf(message.address);
    const userId = `${this.channelId}-user:${this.pseudonym(`${this.channelId}/user`, message.address)}`;
    const first = await this.contacts.remember({ conversationId, channel: this.channelId, address: message.address, userRef: this.userRefOf(this.channelId, userId), at: message.at });
    const welcome = { type: 'conversationUpdate', membersAdded: [{ id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name }, { id: userId, name: '' }] };
    if (first && !message.start) await this.turn(message, conversationId, userId, { ...welcome, id: `${message.updateId}-welcome` }, logic);
    await this.turn(message, conversationId, userId, message.start ? welcome : { type: 'message', text: message.text ?? '', attachments: message.attachments }, logic);
  }

  private async turn(message: InboundMessage, conversationId: string, userId: string, content: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      id: message.updateId,
      ...content,
      channelId: this.channelId,
      serviceUrl: `https://${this.channelId}.relais.invalid/`,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: '', role: 'user' },
      recipient: { ...BOT_ACCOUNT },
      timestamp: message.at,
      locale: message.locale,
    };
    const context = new TurnContext(this, activity);
    context.turnState.set(ADDRESS, message.address);
    await this.runMiddleware(context, logic);
    // The bot's error handler caught the failure; the webhook must still know, so the platform delivers it again.
    if (context.turnState.get(UNDELIVERED)) throw new Error(`${this.channelId}: a reply could not be sent`);
  }

  /**
   * When the service may write to this conversation: 'gone' once the young person's data is erased; on a
   * platform with a window (WhatsApp: 24 h after their last message), 'open' until it closes, then 'closed';
   * undefined where the service may always write.
   */
  async replyWindow(conversationId: string, now = new Date()): Promise<ReplyWindow | undefined> {
    const contact = await this.contacts.find(conversationId);
    if (!contact) return { state: 'gone' };
    if (this.platform.replyWindowMs === undefined) return undefined;
    const until = new Date(contact.lastInboundAt.getTime() + this.platform.replyWindowMs);
    return { state: now < until ? 'open' : 'closed', until: until.toISOString() };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const address = (context.turnState.get(ADDRESS) as string | undefined) ?? (await this.contacts.find(context.activity.conversation.id))?.address;
    if (!address) throw new Error('this conversation cannot be reached any more (its contact was erased)');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'message') {
        await this.platform.sendMessage(address, activity).catch((error: unknown) => {
          context.turnState.set(UNDELIVERED, true);
          throw error;
        });
      } else if (activity.type === 'typing') await this.platform.typing(address).catch(() => undefined);
      responses.push({ id: randomBytes(9).toString('base64url') });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error(`${this.channelId}: the bot never edits a message it sent`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelId}: the bot never deletes a message it sent`);
  }

  /** A turn started by the service (a référent's message), on the conversation the young person wrote from. */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
