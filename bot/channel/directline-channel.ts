import { randomBytes } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import type { TurnLock } from '../cluster/turn-lock.js';
import type { Logger } from '../logging/logger.js';
import type { ActivityFeed } from './activity-feed.js';
import type { BotConnector } from './bot-connector.js';
import { UnknownConversation, type ConversationStore } from './conversation-store.js';
import type { DirectLineTokens } from './directline-tokens.js';
import { errorSummary } from '../logging/error-summary.js';
import { storableJson, UnstorableJson } from '../storage/storable-json.js';

export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT = { id: 'relais-bot', name: 'Relais', role: 'bot' } as const;
/** serviceUrl of the built-in channel's activities; replies never travel to it (see RelaisAdapter.processInProcess). */
export const SERVICE_URL = 'https://directline.relais.invalid/';

export class ChannelError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Caller = { kind: 'secret' } | { kind: 'token'; conversationId: string; userId: string };

/**
 * The built-in Direct Line 3.0 channel: conversations, the user's activities (echoed back, as Web Chat
 * expects), turns of the bot and its replies, all stored so a client can resume from its watermark.
 */
export class DirectLineChannel {
  /** Told when the young person is typing (the console shows it). */
  onTyping?: (conversationId: string) => void;
  /** Told when the young person's client has fetched activities (polling or a stream's backlog): what waited is seen. */
  onRead?: (conversationId: string) => void;

  constructor(
    private readonly store: ConversationStore,
    readonly tokens: DirectLineTokens,
    private readonly feed: ActivityFeed,
    private readonly bot: BotConnector,
    private readonly logger: Logger,
    /** One turn at a time per conversation, across instances on PostgreSQL: stored, answered, marked done. */
    private readonly turns: TurnLock,
  ) {}

  authenticate(authorization: string | undefined): Caller {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new ChannelError(403, 'Forbidden', 'Missing Authorization: Bearer <secret or token>');
    const credential = match[1].trim();
    if (this.tokens.isSecret(credential)) return { kind: 'secret' };
    const claims = this.tokens.verify(credential);
    if (!claims) throw new ChannelError(403, 'TokenExpired', 'Token invalid or expired');
    return { kind: 'token', conversationId: claims.conversationId, userId: claims.userId };
  }

  /** POST /tokens/generate: a token bound to a new conversation (secret only). */
  generateToken(caller: Caller, userId?: string): { conversationId: string; token: string; expires_in: number } {
    if (caller.kind !== 'secret') throw new ChannelError(403, 'Forbidden', 'Only the secret can generate tokens');
    const conversationId = newId();
    return { conversationId, ...this.tokens.issue(conversationId, userId ?? `dl_${newId()}`) };
  }

  /** POST /tokens/refresh: a fresh token for the same conversation. */
  refreshToken(caller: Caller): { conversationId: string; token: string; expires_in: number } {
    if (caller.kind !== 'token') throw new ChannelError(403, 'Forbidden', 'Refresh needs a token');
    return { conversationId: caller.conversationId, ...this.tokens.issue(caller.conversationId, caller.userId) };
  }

  /** POST /conversations: starts (or, for a token, resumes) the conversation and greets the young person. */
  async startConversation(caller: Caller, requestedUserId?: string): Promise<{ conversationId: string; token: string; expires_in: number; created: boolean }> {
    const conversationId = caller.kind === 'token' ? caller.conversationId : newId();
    const userId = caller.kind === 'token' ? caller.userId : requestedUserId ?? `dl_${newId()}`;
    const { created } = await this.store.ensure(conversationId, userId);
    if (created) {
      await this.turns.run(conversationId, () =>
        this.runTurn(
          conversationId,
          this.inbound(conversationId, {
            type: 'conversationUpdate',
            membersAdded: [{ id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name }, { id: userId, name: '' }],
            from: { id: userId, name: '', role: 'user' },
          }),
        ),
      );
    }
    return { conversationId, ...this.tokens.issue(conversationId, userId), created };
  }

  /** GET /conversations/{id}: reconnect. */
  async getConversation(caller: Caller, conversationId: string): Promise<{ conversationId: string; token: string; expires_in: number }> {
    const conversation = await this.requireConversation(caller, conversationId);
    return { conversationId, ...this.tokens.issue(conversationId, conversation.userId) };
  }

  /** GET /conversations/{id}/activities?watermark= (polling). */
  async getActivities(caller: Caller, conversationId: string, watermark: number): Promise<{ activities: Partial<Activity>[]; watermark: string }> {
    await this.requireConversation(caller, conversationId);
    const page = await this.store.since(conversationId, watermark);
    if (page.activities.length > 0) this.onRead?.(conversationId);
    return { activities: page.activities, watermark: String(page.watermark) };
  }

  /** POST /conversations/{id}/activities: stores the user's activity, runs the bot's turn, returns the activity id. */
  async postActivity(caller: Caller, conversationId: string, input: unknown): Promise<{ id: string }> {
    // A token names its conversation and user, signed: no read of the conversation before the turn (one statement
    // of every turn); a conversation that no longer exists (purged) is found missing by the append, a 404 too.
    if (caller.kind === 'token' && caller.conversationId !== conversationId) throw new ChannelError(403, 'Forbidden', 'Token is for another conversation');
    const userId = caller.kind === 'token' ? caller.userId : (await this.requireConversation(caller, conversationId)).userId;
    const { activity, clientKey } = sanitizeUserActivity(input, userId);
    // "Is typing" is a live signal for a référent, not a message: neither stored nor a turn.
    if (activity.type === 'typing') {
      this.onTyping?.(conversationId);
      return { id: `${conversationId}|typing-${newId()}` };
    }
    return this.turns.run(conversationId, async () => {
      // The same client activity posted again (a retry after a lost answer): same id, no second message or reply.
      const already = clientKey ? await this.store.idForClientKey(conversationId, clientKey) : undefined;
      if (already) return { id: already };
      const [stored] = await this.appendAndPublish(conversationId, [this.inbound(conversationId, activity)], { clientKey, turnPending: true }).catch((error: unknown) => {
        if (error instanceof UnknownConversation) throw new ChannelError(404, 'BadArgument', 'Conversation not found');
        throw error;
      });
      await this.runTurn(conversationId, stored!.activity, stored!.seq);
      return { id: String(stored!.activity.id) };
    });
  }

  /** POST /conversations/{id}/upload: files are accepted but never read or kept; the bot says so. */
  async upload(caller: Caller, conversationId: string, activityJson: unknown, files: Array<{ name: string; contentType: string }>): Promise<{ id: string }> {
    const conversation = await this.requireConversation(caller, conversationId);
    const base = typeof activityJson === 'object' && activityJson !== null ? activityJson : { type: 'message' };
    const { activity } = sanitizeUserActivity(base, conversation.userId);
    activity.attachments = files.map<Attachment>((file) => ({ contentType: file.contentType || 'application/octet-stream', name: file.name }));
    return this.postActivity(caller, conversationId, activity);
  }

  async requireConversation(caller: Caller, conversationId: string) {
    if (caller.kind === 'token' && caller.conversationId !== conversationId) throw new ChannelError(403, 'Forbidden', 'Token is for another conversation');
    const conversation = await this.store.get(conversationId);
    if (!conversation) throw new ChannelError(404, 'BadArgument', 'Conversation not found');
    return conversation;
  }

  isWatched(conversationId: string): boolean {
    return this.feed.isWatched(conversationId);
  }

  subscribe(conversationId: string, listener: Parameters<ActivityFeed['subscribe']>[1]): () => void {
    return this.feed.subscribe(conversationId, listener);
  }

  since(conversationId: string, watermark: number) {
    return this.store.since(conversationId, watermark);
  }

  /** Appends activities written by someone other than the bot's turn (for example a référent) and streams them. */
  async deliver(conversationId: string, activities: Partial<Activity>[]): Promise<Partial<Activity>[]> {
    return (await this.appendAndPublish(conversationId, activities.map((a) => this.outbound(conversationId, a)))).map((s) => s.activity);
  }

  /**
   * At start: answers the messages that were stored but whose turn never finished (a crash, a kill -9), in
   * order, each conversation's turns one at a time. Messages older than a day are closed without a reply:
   * an answer that late would be out of context.
   */
  async replayPendingTurns(now = new Date()): Promise<{ replayed: number; dropped: number }> {
    let replayed = 0;
    let dropped = 0;
    for (const pending of await this.store.pendingTurns()) {
      const sent = new Date(String(pending.activity.timestamp ?? 0)).getTime();
      if (!(now.getTime() - sent < PENDING_TURN_MAX_AGE_MS)) {
        await this.store.turnDone(pending.conversationId, pending.seq);
        dropped += 1;
        continue;
      }
      const answered = await this.turns.run(pending.conversationId, async () => {
        // Another instance may have answered it meanwhile (its turn was still running, not lost).
        if (!(await this.store.isTurnPending(pending.conversationId, pending.seq))) return false;
        await this.runTurn(pending.conversationId, pending.activity, pending.seq);
        return true;
      });
      if (answered) replayed += 1;
    }
    return { replayed, dropped };
  }

  /** Waits for the turns in progress and queued (a stop does not cut a young person's answer in half). */
  drain(): Promise<void> {
    return this.turns.drain();
  }

  /** Streams something that is not kept (a référent typing) to the conversation's open streams. */
  signal(conversationId: string, activity: Partial<Activity>): void {
    const live = { ...this.outbound(conversationId, activity), id: `${conversationId}|live-${newId()}` };
    this.feed.publish(conversationId, { activities: [live], watermark: -1, ephemeral: true });
  }

  /** Runs the bot, then stores its replies and, for a stored message (its seq), marks it answered in the same statement. */
  private async runTurn(conversationId: string, activity: Partial<Activity>, seq?: number): Promise<void> {
    let replies: Partial<Activity>[];
    try {
      replies = await this.bot.process(activity);
    } catch (error) {
      // The adapter's onTurnError already apologised when it could; this is the last line of defence.
      this.logger.error({ conversationId, err: errorSummary(error) }, 'turn failed in the built-in channel');
      replies = [];
    }
    if (replies.length > 0) await this.appendAndPublish(conversationId, replies.map((reply) => this.outbound(conversationId, reply)), { completesTurn: seq });
    else if (seq !== undefined) await this.store.turnDone(conversationId, seq);
  }

  private async appendAndPublish(
    conversationId: string,
    activities: Partial<Activity>[],
    inbound?: Parameters<ConversationStore['append']>[2],
  ): Promise<Array<{ seq: number; activity: Partial<Activity> }>> {
    if (activities.length === 0) return [];
    const stored = await this.store.append(conversationId, activities, inbound);
    this.feed.publish(conversationId, { activities: stored.map((s) => s.activity), watermark: stored[stored.length - 1]!.seq });
    return stored;
  }

  private inbound(conversationId: string, activity: Partial<Activity>): Partial<Activity> {
    return {
      ...activity,
      channelId: CHANNEL_ID,
      serviceUrl: SERVICE_URL,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name, role: 'bot' },
      timestamp: new Date(),
    };
  }

  private outbound(conversationId: string, reply: Partial<Activity>): Partial<Activity> {
    const { serviceUrl: _serviceUrl, deliveryMode: _deliveryMode, ...rest } = reply;
    return {
      ...rest,
      channelId: CHANNEL_ID,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { ...(rest.from ?? BOT_ACCOUNT), role: rest.from?.role ?? 'bot' },
      timestamp: new Date(),
    };
  }
}

/**
 * Keeps only what a client may set on its own activity (the channel sets identities and ids), and the client's
 * own id of it: its "id", else channelData.clientActivityID (what Web Chat sends).
 */
function sanitizeUserActivity(input: unknown, userId: string): { activity: Partial<Activity>; clientKey?: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ChannelError(400, 'BadArgument', 'Activity must be a JSON object');
  let raw: Record<string, unknown>;
  try {
    raw = storableJson(input as Record<string, unknown>);
  } catch (error) {
    if (error instanceof UnstorableJson) throw new ChannelError(400, 'BadArgument', `Activity refused: ${error.message}`);
    throw error;
  }
  const type = typeof raw.type === 'string' && raw.type.length > 0 && raw.type.length <= 64 ? raw.type : undefined;
  if (!type) throw new ChannelError(400, 'BadArgument', 'Activity type is required');
  const activity: Partial<Activity> = { type, from: { id: userId, name: '', role: 'user' } };
  if (typeof raw.text === 'string') activity.text = raw.text;
  if (typeof raw.textFormat === 'string') activity.textFormat = raw.textFormat;
  if (typeof raw.locale === 'string' && raw.locale.length <= 20) activity.locale = raw.locale;
  if (typeof raw.name === 'string' && raw.name.length <= 200) activity.name = raw.name;
  if (raw.value !== undefined) activity.value = raw.value;
  if (Array.isArray(raw.attachments)) activity.attachments = raw.attachments.slice(0, 10) as Attachment[];
  if (typeof raw.channelData === 'object' && raw.channelData !== null) activity.channelData = raw.channelData;
  if (Array.isArray(raw.entities)) activity.entities = raw.entities.slice(0, 20) as Activity['entities'];
  const key = (value: unknown, prefix: string) => (typeof value === 'string' && value.length > 0 && value.length <= 128 ? `${prefix}:${value}` : undefined);
  const clientKey = key(raw.id, 'id') ?? key((raw.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID, 'client');
  return { activity, clientKey };
}

/** A message left unanswered by a crash is still answered at the next start if it is younger than this. */
const PENDING_TURN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

function newId(): string {
  return randomBytes(16).toString('base64url');
}
