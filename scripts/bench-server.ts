import { ConversationState, UserState, type StatePropertyAccessor } from 'botbuilder';
import { createRelais, type TurnLogic } from '../bot/app.js';
import { loadSettings } from '../bot/config/settings.js';
import { createLogger } from '../bot/logging/logger.js';
import { SqlStorage } from '../bot/storage/sql-storage.js';

/**
 * One server of `npm run bench`, in a process of its own so the load never shares its CPU: Relais, or with
 * BENCH_BOT=echo the baseline, an echo bot that reads and writes the same conversation and user state as
 * Relais does (so the ratio shows the conversation's own cost, not the storage's). Prints "ready <url>".
 */
const logger = createLogger('silent');
const state: { seen?: StatePropertyAccessor<string[]>; profile?: StatePropertyAccessor<Record<string, unknown>>; conversation?: ConversationState; user?: UserState } = {};
const echo: TurnLogic = async (context) => {
  // Both states at once, as Relais loads them (one query): the baseline stays fair.
  await Promise.all([state.conversation!.load(context), state.user!.load(context)]);
  const seen = await state.seen!.get(context, []);
  await state.profile!.get(context, {});
  if (context.activity.type === 'message') {
    await state.seen!.set(context, [...seen, context.activity.id ?? ''].slice(-50));
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  }
  await state.conversation!.saveChanges(context);
  await state.user!.saveChanges(context);
};

const app = await createRelais(loadSettings(), { logger, logic: process.env.BENCH_BOT === 'echo' ? echo : undefined });
const storage = new SqlStorage(app.db);
state.conversation = new ConversationState(storage);
state.user = new UserState(storage);
state.seen = state.conversation.createProperty('seen');
state.profile = state.user.createProperty('profile');
const url = await app.listen();
await app.ready;
console.log(`ready ${url}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
