import type { BotState, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { ETagConflictError } from '../storage/sql-storage.js';
import { withTurnETags } from '../storage/turn-etags.js';
import type { TurnLock } from './turn-lock.js';

const MAX_ATTEMPTS = 3;

/**
 * Wraps the bot's turn logic so that turns of one conversation never overlap (TurnLock, across instances
 * on PostgreSQL) and state is written with the eTags the turn read. If another turn changed the state
 * meanwhile (the lock was unavailable), the turn is run again on fresh state, as long as its replies are
 * still buffered (the built-in channel's expectReplies); replies already sent to another channel cannot be
 * taken back, so there the conflict is an error for onTurnError, not a silent loss.
 */
export function serializedTurns(lock: TurnLock, states: BotState[], logic: (context: TurnContext) => Promise<void>, logger: Logger): (context: TurnContext) => Promise<void> {
  return (context) =>
    lock.run(context.activity.conversation?.id ?? '', async () => {
      const buffered = context.bufferedReplyActivities.length;
      for (let attempt = 1; ; attempt++) {
        try {
          return await withTurnETags(async () => {
            // A new attempt reads the state again, inside the scope, so its eTags are the ones checked.
            if (attempt > 1) await Promise.all(states.map((state) => state.load(context, true)));
            await logic(context);
          });
        } catch (error) {
          const retriable = error instanceof ETagConflictError && attempt < MAX_ATTEMPTS && context.activity.deliveryMode === 'expectReplies';
          if (!retriable) throw error;
          logger.warn({ conversationId: context.activity.conversation?.id, attempt }, 'state changed during the turn; running it again');
          context.bufferedReplyActivities.splice(buffered);
        }
      }
    });
}
