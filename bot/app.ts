import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { ConversationState, UserState, type TurnContext } from 'botbuilder';
import { RelaisAdapter } from './adapter/relais-adapter.js';
import { ActivityFeed } from './channel/activity-feed.js';
import { ConversationStore } from './channel/conversation-store.js';
import { DirectLineChannel } from './channel/directline-channel.js';
import { errorSummary } from './logging/error-summary.js';
import { projectPath } from '../knowledge/project-path.js';
import { openCluster } from './cluster/open-cluster.js';
import { serializedTurns } from './cluster/serialized-turns.js';
import { attachDirectLineStream, registerDirectLineRoutes } from './channel/directline-routes.js';
import { resolveDirectLineSecret } from './channel/directline-secret.js';
import { DirectLineTokens } from './channel/directline-tokens.js';
import type { Settings } from './config/settings.js';
import { registerEditorApi } from './editor/editor-routes.js';
import { registerEditorPage } from './editor/editor-page.js';
import { EntryVersions } from './editor/entry-versions.js';
import { catchUpPublications, followPublications } from './editor/publication-sync.js';
import { createLogger, type Logger } from './logging/logger.js';
import { HandoffEventsMiddleware } from './adapter/handoff-events-middleware.js';
import { TranscriptMiddleware } from './adapter/transcript-middleware.js';
import { ConsoleAuth } from './console/console-auth.js';
import { registerConsoleEvents } from './console/console-events-route.js';
import { registerConsolePage } from './console/console-page.js';
import { registerConsoleApi } from './console/console-routes.js';
import { ConsoleSessions } from './console/console-sessions.js';
import { ReferentAccounts } from './console/referent-accounts.js';
import { ChannelDelivery } from './delivery/channel-delivery.js';
import { createMessagingChannels } from './messaging/messaging-channels.js';
import { createHandoffParts, type HandoffParts } from './handoff/handoff-parts.js';
import { SqlFeedbackLog } from './feedback/sql-feedback-log.js';
import { DiskScrub } from './privacy/disk-scrub.js';
import { SqlPersonalDataEraser } from './privacy/sql-personal-data-eraser.js';
import { RetentionPurge } from './privacy/retention-purge.js';
import { userRefFactory } from './privacy/user-ref.js';
import { SqlStorage } from './storage/sql-storage.js';
import { registerApiMessagesRoute } from './server/api-messages-route.js';
import { registerHealthRoutes } from './server/health-routes.js';
import { clientAddressResolver, parseTrustedProxies } from './server/client-address.js';
import type { Database } from './storage/database.js';
import { openDatabase } from './storage/open-database.js';
import { registerWebChatTokenRoute } from './web/webchat-token-route.js';
import { registerWebRoutes } from './web/web-routes.js';
import { PhoneLinksMiddleware } from './adapter/phone-links-middleware.js';
import { AgeRecognizer } from '../dialogs/profile/age-recognizer.js';
import { RelaisConversation } from '../dialogs/relais-conversation.js';
import { CrisisDetector } from '../dialogs/safety/crisis-detector.js';
import { loadStoredCrisisModel, trainCrisisModelInBackground } from '../dialogs/safety/crisis-model-store.js';
import { fr } from '../dialogs/strings/fr.js';
import { DepartementRecognizer } from '../dialogs/territory/departement-recognizer.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { knowledgeOptionsFrom } from '../knowledge/knowledge-options.js';

export interface RelaisApp {
  readonly server: Server;
  readonly db: Database;
  readonly channel: DirectLineChannel;
  readonly logger: Logger;
  readonly knowledge: KnowledgeBase;
  readonly handoff: HandoffParts;
  readonly accounts: ReferentAccounts;
  readonly feedback: SqlFeedbackLog;
  /** Resolves when the app can answer (crisis classifier loaded or trained); /readyz says so. */
  readonly ready: Promise<void>;
  /** Resolves, with how many files changed, once the editors' publications made while this instance was down are applied. */
  readonly publicationsCaughtUp: Promise<number>;
  /** Listens on settings.PORT (0 picks a free port); returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export type TurnLogic = (context: TurnContext) => Promise<void>;

/** The composition root: builds every part from the settings and wires them together. */
export async function createRelais(settings: Settings, options: { logger?: Logger; logic?: TurnLogic } = {}): Promise<RelaisApp> {
  const logger = options.logger ?? createLogger(settings.LOG_LEVEL);
  const knowledgeOptions = knowledgeOptionsFrom(settings);
  // A first start trains the crisis classifier on worker threads from the start, while the database opens
  // and the search index is built here.
  const crisis = new CrisisDetector(loadStoredCrisisModel(knowledgeOptions.indexDir));
  let classifierFailed = false;
  const stopTraining = new AbortController();
  const classifier = crisis.hasModel ? Promise.resolve() : trainCrisisClassifier(crisis, knowledgeOptions.indexDir, logger, stopTraining.signal).then((trained) => void (classifierFailed = !trained));
  const db = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.DATA_DIR }).catch((error: unknown) => {
    stopTraining.abort();
    throw error;
  });
  // Several instances on one PostgreSQL act as one: turns locked per conversation, live events relayed.
  const cluster = await openCluster(db, settings.DATABASE_URL, logger);

  const adapter = RelaisAdapter.fromSettings(settings);
  adapter.onTurnError = async (context, error) => {
    logger.error({ conversationId: context.activity.conversation?.id, activityType: context.activity.type, err: errorSummary(error) }, 'turn error');
    await context.sendActivity(fr.turnError).catch(() => undefined);
  };

  const secret = resolveDirectLineSecret(settings.DIRECTLINE_SECRET, settings.DATA_DIR);
  const knowledge = await KnowledgeBase.open({ ...knowledgeOptions, log: (message, data) => logger.info(data ?? {}, message) });
  knowledge.watch();
  const publicUrl = settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
  // The channels that deliver a référent's messages are built after the handoff that records transcripts.
  const delivery: { current?: ChannelDelivery } = {};
  const handoff = createHandoffParts(
    db,
    {
      targets: { crisis: settings.HANDOFF_TARGET_MINUTES_CRISIS, human_request: settings.HANDOFF_TARGET_MINUTES_REQUEST, not_found: settings.HANDOFF_TARGET_MINUTES_NOT_FOUND },
      openingHours: settings.HANDOFF_OPENING_HOURS,
      timeZone: settings.HANDOFF_TIMEZONE,
      alertWebhookUrl: settings.HANDOFF_ALERT_WEBHOOK_URL,
      consoleUrl: `${publicUrl.replace(/\/$/, '')}/console`,
      logger,
      bus: cluster.bus,
    },
    () => delivery.current!,
  );
  const userRefOf = userRefFactory(secret);
  if (settings.HANDOFF_PLATFORM_EVENTS) adapter.use(new HandoffEventsMiddleware(handoff.desk, handoff.transcripts, logger));
  // Telegram and WhatsApp, when configured: the same bot and the same transcripts as every channel.
  const messaging = createMessagingChannels(settings, db, secret, userRefOf, logger);
  for (const each of [adapter, ...messaging.adapters]) {
    each.use(new PhoneLinksMiddleware());
    each.use(new TranscriptMiddleware(handoff.transcripts, handoff.desk, userRefOf, logger));
    each.onTurnError = adapter.onTurnError;
  }
  const feedback = new SqlFeedbackLog(db);
  // Erased or purged text leaves the disk too, not only the tables.
  const scrub = new DiskScrub(db, logger);
  const storage = new SqlStorage(db);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversation = new RelaisConversation({
    conversationState,
    userState,
    knowledge,
    cases: handoff.desk,
    feedback,
    eraser: new SqlPersonalDataEraser(db, scrub),
    places: sharedPlaces(),
    ages: sharedAges(),
    userRefOf,
    crisis,
  });
  const logic: TurnLogic = serializedTurns(cluster.turns, [conversationState, userState], options.logic ?? ((context) => conversation.onTurn(context)), logger);
  let warmed = false;
  // Ready once the crisis classifier is in (at once, unless a first start is training it). The age recognizer's
  // worker starts when a conversation asks for an age, and warms while the young person types.
  const ready = classifier.then(() => {
    warmed = true;
  });
  const channel = new DirectLineChannel(
    new ConversationStore(db),
    new DirectLineTokens(secret, settings.DIRECTLINE_TOKEN_TTL_SECONDS),
    new ActivityFeed(cluster.bus),
    { process: (activity) => adapter.processInProcess(activity, logic) },
    logger,
    cluster.turns,
  );

  // RETENTION_DAYS: old conversations go even when nobody asks; once ready, then every 6 hours.
  const retention = settings.RETENTION_DAYS ? new RetentionPurge(db, settings.RETENTION_DAYS) : undefined;
  const purge = () =>
    retention
      ?.run()
      .then((purged) => {
        logger.info(purged, 'retention purge');
        if (Object.values(purged).some((count) => count > 0)) scrub.request();
      })
      .catch((error: unknown) => logger.error({ err: errorSummary(error) }, 'retention purge failed'));
  let purging: Promise<unknown> | undefined;
  const purgeTimer = retention ? setInterval(() => (purging = purge()), 6 * 60 * 60 * 1000) : undefined;
  purgeTimer?.unref();
  if (retention) void ready.then(() => (purging = purge()));
  // Messages a crash left unanswered are answered once the app is ready (a kill -9 loses no question).
  const replayed = ready
    .then(() => channel.replayPendingTurns())
    .then((result) => {
      if (result.replayed + result.dropped > 0) logger.info(result, 'unanswered messages from before the restart');
    })
    .catch((error: unknown) => logger.error({ err: errorSummary(error) }, 'replay of unanswered messages failed'));
  channel.onTyping = (conversationId) => void handoff.desk.noteTyping(conversationId).catch(() => undefined);
  channel.onRead = (conversationId) => void handoff.desk.noteSeen(conversationId).catch(() => undefined);
  delivery.current = new ChannelDelivery(channel, adapter, handoff.transcripts, settings.MicrosoftAppId, messaging.adapters);
  const accounts = new ReferentAccounts(db, { maxFailures: settings.CONSOLE_MAX_FAILED_LOGINS, minutes: settings.CONSOLE_LOCKOUT_MINUTES });
  const auth = new ConsoleAuth(new ConsoleSessions(db, settings.CONSOLE_IDLE_MINUTES), accounts);

  const server = restify.createServer({ name: 'relais', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  registerHealthRoutes(
    server,
    async () => warmed && (await db.query('select 1 as ok')).rows.length === 1,
    () => ({
      crisisClassifier: crisis.hasModel ? 'ready' : classifierFailed ? 'failed' : 'training',
      // An editor's change that could not be loaded: the previous content is served until a reload succeeds.
      knowledge: { contentHash: knowledge.contentHash.slice(0, 12), ...(knowledge.reloadFailure ? { reloadFailed: knowledge.reloadFailure } : {}) },
      failures: { vectorSearch: knowledge.failures.vector, llm: knowledge.failures.llm, lastVectorError: knowledge.failures.lastVectorError, lastLlmFailure: knowledge.failures.lastLlmFailure },
    }),
  );
  messaging.registerWebhooks(server, logic);
  registerApiMessagesRoute(server, adapter, logic, { refuse: settings.anonymous && settings.NODE_ENV === 'production' }, logger);
  registerDirectLineRoutes(server, channel, logger, { publicUrl: settings.PUBLIC_URL, postsPerMinute: settings.DIRECTLINE_POSTS_PER_MINUTE });
  const streams = attachDirectLineStream(server, channel, logger, { maxPerConversation: settings.DIRECTLINE_STREAMS_PER_CONVERSATION });
  const clientAddress = clientAddressResolver(parseTrustedProxies(settings.TRUSTED_PROXIES));
  registerWebChatTokenRoute(server, channel, secret, settings.WEBCHAT_TOKEN_RATE_PER_MINUTE, logger, clientAddress);
  registerWebRoutes(server, {
    quickExitUrl: settings.QUICK_EXIT_URL,
    operator: settings.SERVICE_OPERATOR,
    operatorAddress: settings.SERVICE_OPERATOR_ADDRESS,
    publicationDirector: settings.SERVICE_PUBLICATION_DIRECTOR,
    hosting: settings.SERVICE_HOSTING,
    contact: settings.SERVICE_CONTACT,
    accessibilityStatus: settings.ACCESSIBILITY_STATUS,
    retentionDays: settings.RETENTION_DAYS,
  });
  registerConsolePage(server);
  registerConsoleApi(server, {
    desk: handoff.desk,
    accounts,
    auth,
    referents: handoff.referents,
    audit: handoff.audit,
    targets: handoff.desk.targets,
    secureCookies: settings.NODE_ENV === 'production',
    loginRatePerMinute: settings.CONSOLE_LOGIN_RATE_PER_MINUTE,
    clientAddress,
    logger,
  });
  const consoleEvents = registerConsoleEvents(server, auth, handoff.events);
  registerEditorPage(server);
  const versions = new EntryVersions(db);
  registerEditorApi(server, { auth, knowledge, feedback, audit: handoff.audit, versions, gitCommits: settings.EDITOR_GIT_COMMITS, bus: cluster.bus, logger, knownQuestionsDir: settings.KNOWN_QUESTIONS_DIR ?? projectPath('test/eval') });
  followPublications(cluster.bus, versions, knowledge, logger);
  // An instance that was down during a publication catches up now; the others' announcements come from here on.
  const caughtUp = catchUpPublications(versions, knowledge, logger).catch((error: unknown) => {
    logger.warn({ err: errorSummary(error) }, 'missed publications not applied');
    return 0;
  });

  return {
    server,
    db,
    channel,
    logger,
    knowledge,
    handoff,
    accounts,
    feedback,
    ready,
    publicationsCaughtUp: caughtUp,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.PORT, settings.listenHost, () => {
          const { port } = server.address() as AddressInfo;
          const host = settings.listenHost === '0.0.0.0' ? '127.0.0.1' : settings.listenHost;
          resolve(`http://${host}:${port}`);
        });
      }),
    close: async () => {
      stopTraining.abort();
      consoleEvents.close();
      streams.close();
      await replayed;
      await caughtUp;
      if (purgeTimer) clearInterval(purgeTimer);
      await purging;
      // No new request, then the turns already accepted finish, then the connections and the database close.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await channel.drain();
      server.server.closeAllConnections?.();
      await closed;
      knowledge.close();
      await scrub.flush();
      await cluster.turns.close();
      await cluster.bus.close();
      await db.close();
    },
  };
}

// Recognizers are built once per process and shared (their tables are large and read-only).
let places: DepartementRecognizer | undefined;
let ages: AgeRecognizer | undefined;

function sharedPlaces(): DepartementRecognizer {
  places ??= new DepartementRecognizer();
  return places;
}

/** One per process; its worker starts when an age is asked, and neither an idle worker nor the idle timer keeps the process alive. */
function sharedAges(): AgeRecognizer {
  ages ??= new AgeRecognizer();
  return ages;
}

/** Trains the classifier off the main thread; on failure the rules keep working alone, and it is logged and shown in /readyz. */
async function trainCrisisClassifier(crisis: CrisisDetector, indexDir: string, logger: Logger, signal: AbortSignal): Promise<boolean> {
  logger.info({}, 'crisis classifier: training in the background (first start); the rules answer alone until it is done');
  try {
    const { model, samples, ms } = await trainCrisisModelInBackground(indexDir, { signal });
    crisis.useModel(model);
    logger.info({ samples, threshold: Number(model.threshold.toFixed(3)), ms }, 'crisis classifier trained');
    return true;
  } catch (error) {
    if (!signal.aborted) logger.error({ err: errorSummary(error) }, 'crisis classifier training failed: the rules work alone');
    return false;
  }
}
