import type { Activity, ConversationReference } from 'botbuilder';
import type { RelaisAdapter } from '../adapter/relais-adapter.js';
import { BOT_ACCOUNT, CHANNEL_ID, type DirectLineChannel } from '../channel/directline-channel.js';
import type { Delivery, OutgoingMessage, ReplyWindow } from '../handoff/delivery.js';
import { HandoffError } from '../handoff/handoff-desk.js';
import type { TranscriptStore } from '../handoff/transcript-store.js';
import type { MessagingAdapter } from '../messaging/messaging-adapter.js';

/**
 * Sends what a référent writes to the channel the young person wrote from: the built-in Direct Line
 * channel stores and streams it (it waits there if they are away); Azure Bot Service channels get it
 * through continueConversationAsync with the ConversationReference kept by the transcript middleware.
 */
export class ChannelDelivery implements Delivery {
  constructor(
    private readonly channel: DirectLineChannel,
    private readonly adapter: RelaisAdapter,
    private readonly transcripts: TranscriptStore,
    private readonly appId: string | undefined,
    /** Telegram and WhatsApp, when configured: reached through their own adapters. */
    messaging: readonly MessagingAdapter[] = [],
  ) {
    this.messaging = new Map(messaging.map((m) => [m.channelId, m]));
  }

  private readonly messaging: Map<string, MessagingAdapter>;

  async replyWindow(conversation: { conversationId: string; channelId: string }): Promise<ReplyWindow | undefined> {
    return this.messaging.get(conversation.channelId)?.replyWindow(conversation.conversationId);
  }

  async send(conversation: { conversationId: string; channelId: string }, message: OutgoingMessage): Promise<{ seen: boolean }> {
    const activity = toActivity(message);
    if (conversation.channelId === CHANNEL_ID) {
      if (message.kind === 'typing') this.channel.signal(conversation.conversationId, activity);
      else await this.channel.deliver(conversation.conversationId, [activity]);
      return { seen: this.channel.isWatched(conversation.conversationId) };
    }
    const reference = await this.transcripts.reference<Partial<ConversationReference>>(conversation.conversationId);
    if (!reference) throw new HandoffError(409, 'conflict', 'Impossible de joindre cette personne : sa conversation ne peut plus recevoir de message.');
    const app = this.messaging.get(conversation.channelId);
    if (app) {
      const window = await app.replyWindow(conversation.conversationId);
      // Typing is not worth an error; a message is, so the référent knows it did not leave.
      if (window && window.state !== 'open' && message.kind === 'typing') return { seen: false };
      if (window?.state === 'gone') throw new HandoffError(409, 'conflict', 'Impossible de joindre cette personne : ses données ont été effacées.');
      if (window?.state === 'closed') throw new HandoffError(409, 'window_closed', 'Plus de 24 h sans message de cette personne sur WhatsApp : elle doit d’abord t’écrire pour que tu puisses lui répondre. Aucun modèle de message n’est envoyé à sa place.');
      await app.continueConversation(reference, async (context) => {
        await context.sendActivity(activity);
      });
      return { seen: true };
    }
    await this.adapter.continueConversationAsync(this.appId ?? '', reference, async (context) => {
      await context.sendActivity(activity);
    });
    // The channel has it; whether the person opened it, these channels do not say.
    return { seen: true };
  }
}

function toActivity(message: OutgoingMessage): Partial<Activity> {
  const from = { id: BOT_ACCOUNT.id, name: message.senderName ?? BOT_ACCOUNT.name, role: 'bot' };
  if (message.kind === 'typing') return { type: 'typing', from };
  // Every channel shows who writes: the référent's first name, in bold, before their words.
  return { type: 'message', text: message.senderName ? `**${message.senderName}** : ${message.text}` : message.text, textFormat: 'markdown', from };
}
