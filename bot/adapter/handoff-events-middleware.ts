import { ActivityTypes, EventFactory, HandoffEventNames, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { CASE_OPENED_TURN, type CaseOpenedInTurn } from '../../dialogs/turn/case-opened-turn.js';
import { CHANNEL_ID } from '../channel/directline-channel.js';
import type { HandoffDesk } from '../handoff/handoff-desk.js';
import type { TranscriptStore } from '../handoff/transcript-store.js';
import type { Logger } from '../logging/logger.js';

/**
 * The Bot Framework handoff protocol, for a contact-centre platform plugged into a channel instead of
 * the built-in console: a turn that asks for a human ends with a handoff.initiate event carrying the
 * transcript; the platform's handoff.status (accepted, completed, failed) moves the case.
 * Must be registered before the transcript middleware, so the transcript includes this turn.
 */
export class HandoffEventsMiddleware implements Middleware {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly transcripts: TranscriptStore,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const inbound = context.activity;
    // The built-in channel's client is the young person's browser: it must not be able to close or take its own case.
    if (inbound.type === ActivityTypes.Event && inbound.name === HandoffEventNames.HandoffStatus && inbound.channelId !== CHANNEL_ID) {
      const state = (inbound.value as { state?: unknown } | undefined)?.state;
      if (state === 'accepted' || state === 'completed' || state === 'failed') await this.desk.applyPlatformStatus(inbound.conversation.id, state);
      else this.logger.warn({ conversationId: inbound.conversation.id }, 'handoff.status without a known state');
    }
    await next();
    const opened = context.turnState.get(CASE_OPENED_TURN) as CaseOpenedInTurn | undefined;
    if (!opened) return;
    const messages = await this.transcripts.messages(inbound.conversation.id);
    const activities = messages.map(
      (m) =>
        ({
          type: ActivityTypes.Message,
          text: m.text,
          timestamp: new Date(m.timestamp),
          from: m.from === 'user' ? { id: inbound.from.id, role: 'user' } : { id: inbound.recipient?.id ?? 'relais-bot', name: m.name ?? 'Relais', role: 'bot' },
        }) as Activity,
    );
    await context.sendActivity(EventFactory.createHandoffInitiation(context, opened, { activities }));
  }
}
