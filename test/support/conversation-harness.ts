import { TEST_INDEX_DIR } from './test-app.js';
import { ConversationState, UserState, type Activity } from 'botbuilder';
import { TestAdapter } from 'botbuilder-core';
import { TranscriptMiddleware } from '../../bot/adapter/transcript-middleware.js';
import type { Delivery, OutgoingMessage } from '../../bot/handoff/delivery.js';
import { createHandoffParts, type HandoffParts } from '../../bot/handoff/handoff-parts.js';
import { createLogger } from '../../bot/logging/logger.js';
import { ReferentAccounts } from '../../bot/console/referent-accounts.js';
import { SqlFeedbackLog } from '../../bot/feedback/sql-feedback-log.js';
import { SqlPersonalDataEraser } from '../../bot/privacy/sql-personal-data-eraser.js';
import { userRefFactory } from '../../bot/privacy/user-ref.js';
import type { Database } from '../../bot/storage/database.js';
import { openDatabase } from '../../bot/storage/open-database.js';
import { SqlStorage } from '../../bot/storage/sql-storage.js';
import { AgeRecognizer } from '../../dialogs/profile/age-recognizer.js';
import { RelaisConversation } from '../../dialogs/relais-conversation.js';
import { CrisisDetector } from '../../dialogs/safety/crisis-detector.js';
import { loadOrTrainCrisisModel } from '../../dialogs/safety/crisis-model-store.js';
import { DepartementRecognizer } from '../../dialogs/territory/departement-recognizer.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';

let shared: Promise<{ knowledge: KnowledgeBase; places: DepartementRecognizer; ages: AgeRecognizer; crisis: CrisisDetector }> | undefined;

/** The real knowledge base and recognizers, built once per test process (the age recognizer's worker started like at start-up). */
function sharedParts() {
  shared ??= (async () => {
    const knowledge = await KnowledgeBase.open({ indexDir: TEST_INDEX_DIR });
    const ages = new AgeRecognizer();
    ages.start();
    const crisis = new CrisisDetector(loadOrTrainCrisisModel(TEST_INDEX_DIR));
    return { knowledge, places: new DepartementRecognizer(), ages, crisis };
  })();
  return shared;
}

export interface ConversationHarness {
  /** A new TestAdapter on the conversation; channelId decides how choices are rendered. */
  adapter(options?: { channelId?: string; userId?: string; conversationId?: string }): TestAdapter;
  db: Database;
  handoff: HandoffParts;
  /** What the handoff sent to young people outside the bot's turns (référent messages, notices). */
  delivered: Array<{ conversationId: string; message: OutgoingMessage }>;
  feedback: SqlFeedbackLog;
  conversation: RelaisConversation;
  close(): Promise<void>;
}

/**
 * The whole conversation pipeline as the server runs it: real knowledge base, real recognizers, state and
 * records in an embedded PostgreSQL (PGlite in memory), driven through botbuilder's TestAdapter.
 */
export async function createConversationHarness(options: { today?: Date; openingHours?: string; staffed?: boolean; knowledge?: KnowledgeBase } = {}): Promise<ConversationHarness> {
  const parts = await sharedParts();
  const db = await openDatabase({});
  const storage = new SqlStorage(db);
  const delivered: ConversationHarness['delivered'] = [];
  // Records what would leave through a channel: the dialog tests have no channel; HTTP and browser tests use the real one.
  const recordingDelivery: Delivery = {
    send: async (conversation, message) => {
      delivered.push({ conversationId: conversation.conversationId, message });
      return { seen: false };
    },
    replyWindow: async () => undefined,
  };
  const handoff = createHandoffParts(
    db,
    {
      targets: { crisis: 15, human_request: 120, not_found: 480 },
      openingHours: options.openingHours ?? 'mon-sun 00:00-24:00',
      timeZone: 'Europe/Paris',
      consoleUrl: 'http://localhost/console',
      logger: createLogger('silent'),
      now: options.today ? () => options.today! : undefined,
    },
    () => recordingDelivery,
  );
  const feedback = new SqlFeedbackLog(db);
  // A coordinator covers every département, so requests for a human reach someone (staffed: false tests the opposite).
  if (options.staffed !== false) {
    await new ReferentAccounts(db, { maxFailures: 5, minutes: 15 }).add({ email: 'coordination@relais.test', name: 'Camille', role: 'coordinator', departements: [], password: 'a long test password' });
  }
  const transcripts = new TranscriptMiddleware(handoff.transcripts, handoff.desk, userRefFactory('test-key'), createLogger('silent'));
  const conversation = new RelaisConversation({
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    knowledge: options.knowledge ?? parts.knowledge,
    cases: handoff.desk,
    feedback,
    eraser: new SqlPersonalDataEraser(db),
    places: parts.places,
    ages: parts.ages,
    userRefOf: userRefFactory('test-key'),
    crisis: parts.crisis,
    today: options.today ? () => options.today! : undefined,
  });
  return {
    adapter: ({ channelId = 'test', userId = 'user-1', conversationId = 'conv-1' } = {}) =>
      new TestAdapter(async (context) => conversation.onTurn(context), {
        channelId,
        from: { id: userId, name: 'user', role: 'user' },
        recipient: { id: 'bot', name: 'Relais', role: 'bot' },
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      }).use(transcripts),
    db,
    handoff,
    delivered,
    feedback,
    conversation,
    close: () => db.close(),
  };
}

/** Sends one message and returns the texts of every reply of that turn. */
export async function say(adapter: TestAdapter, text: string, extra: Partial<Activity> = {}): Promise<string[]> {
  const before = adapter.activeQueue.length;
  await adapter.send({ type: 'message', text, ...extra } as Partial<Activity>).startTest();
  const replies = adapter.activeQueue.splice(before);
  return replies.map((a) => rendered(a));
}

/** The text of a reply with its buttons, as a young person would see them. */
export function rendered(activity: Partial<Activity>): string {
  const buttons = activity.suggestedActions?.actions.map((a) => `[${a.title}]`).join(' ');
  // A card under the message (call buttons, 👍/👎): its question and its buttons.
  const cards = (activity.attachments ?? []).map((a) => a.content as { text?: string; buttons?: Array<{ title: string }> } | undefined);
  const card = cards.map((c) => [c?.text ?? '', (c?.buttons ?? []).map((b) => `[${b.title}]`).join(' ')].filter(Boolean).join(' ')).join('\n');
  return [activity.text ?? '', buttons, card].filter(Boolean).join('\n');
}

/** One row of a transcript table: what the young person says, then what the bot's replies must show. */
export type TranscriptRow = [userSays: string | Partial<Activity>, ...botReplies: Array<RegExp | ((replies: string) => void)>];

/** Plays a transcript table and checks each turn; returns every turn's replies for further checks. */
export async function transcript(adapter: TestAdapter, rows: TranscriptRow[], expectFn: (actual: string, pattern: RegExp, userSays: string) => void): Promise<string[]> {
  const turns: string[] = [];
  for (const [userSays, ...expected] of rows) {
    const replies = (typeof userSays === 'string' ? await say(adapter, userSays) : await say(adapter, userSays.text ?? '', userSays)).join('\n---\n');
    turns.push(replies);
    for (const check of expected) {
      if (check instanceof RegExp) expectFn(replies, check, typeof userSays === 'string' ? userSays : JSON.stringify(userSays));
      else check(replies);
    }
  }
  return turns;
}
