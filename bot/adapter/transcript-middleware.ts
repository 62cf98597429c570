import { ActivityEventNames, ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import { ERASED_TURN } from '../../dialogs/turn/erased-turn.js';
import { CHANNEL_ID } from '../channel/directline-channel.js';
import type { HandoffDesk } from '../handoff/handoff-desk.js';
import type { TranscriptStore } from '../handoff/transcript-store.js';
import type { Logger } from '../logging/logger.js';

/**
 * Keeps every channel's messages for the référent's view of the conversation, and, for channels
 * other than the built-in one, the ConversationReference a référent's reply will be sent with.
 * Written after the turn, so a turn that erased the young person's data leaves nothing behind.
 */
export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly transcripts: TranscriptStore,
    private readonly desk: HandoffDesk,
    private readonly userRefOf: (channelId: string, userId: string) => string,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const inbound = context.activity;
    // A référent's reply sent with continueConversationAsync: the desk has already recorded it.
    if (inbound.type === ActivityTypes.Event && inbound.name === ActivityEventNames.ContinueConversation) return next();
    const rows: Array<{ from: 'user' | 'bot'; text: string }> = [];
    if (inbound.type === ActivityTypes.Message) rows.push({ from: 'user', text: textOf(inbound) });
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const activity of activities) if (activity.type === ActivityTypes.Message) rows.push({ from: 'bot', text: textOf(activity) });
      return sendNext();
    });
    await next();
    if (context.turnState.get(ERASED_TURN) || !inbound.conversation?.id || !inbound.from?.id) return;
    try {
      await this.record(context, rows);
    } catch (error) {
      // The young person already has the reply; a missing transcript line must not turn into an error for them.
      this.logger.error({ conversationId: inbound.conversation.id, err: error instanceof Error ? error.message : 'unknown' }, 'transcript not recorded');
    }
  }

  private async record(context: TurnContext, rows: Array<{ from: 'user' | 'bot'; text: string }>): Promise<void> {
    const { conversation, channelId, from } = context.activity;
    const userRef = this.userRefOf(channelId, from.id);
    if (channelId !== CHANNEL_ID && rows.some((r) => r.from === 'user')) {
      await this.transcripts.saveReference(conversation.id, channelId, userRef, TurnContext.getConversationReference(context.activity));
    }
    await this.desk.recordTurn({ conversationId: conversation.id, channelId, userRef }, rows);
  }
}

/** The text of a message, with a word for what text cannot show (attachments, buttons only). */
function textOf(activity: Partial<Activity>): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const files = activity.attachments?.length ? `[${activity.attachments.length} pièce(s) jointe(s), non gardée(s)]` : '';
  return [text, files].filter(Boolean).join(' ');
}
