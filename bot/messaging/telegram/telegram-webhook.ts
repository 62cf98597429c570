import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Update } from 'grammy/types';
import { sameToken } from '../../console/console-sessions.js';
import { errorSummary } from '../../logging/error-summary.js';
import type { Logger } from '../../logging/logger.js';
import type { MessagingAdapter } from '../messaging-adapter.js';
import type { UpdateLog } from '../update-log.js';
import type { TelegramPlatform } from './telegram-platform.js';

export const TELEGRAM_WEBHOOK_PATH = '/api/telegram';

export interface TelegramWebhookDeps {
  adapter: MessagingAdapter;
  platform: TelegramPlatform;
  updates: UpdateLog;
  /** TELEGRAM_WEBHOOK_SECRET: Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update. */
  secret: string;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/**
 * POST /api/telegram: Telegram's webhook. Without the secret it is a 401 before the body is even read; an
 * update already received (a retry, a replay) is acknowledged and not answered again; the others run a turn.
 * Telegram waits for the answer and retries on an error, so the turn's own failures are answered 200 (the bot
 * already apologised in the conversation).
 */
export function registerTelegramWebhook(server: Server, deps: TelegramWebhookDeps): void {
  const authenticate = (req: Request, res: Response, next: (error?: false) => void) => {
    if (sameToken(req.header('x-telegram-bot-api-secret-token'), deps.secret)) return next();
    res.send(401, { error: 'unauthorized' });
    return next(false);
  };
  server.post(TELEGRAM_WEBHOOK_PATH, authenticate, restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }), async (req: Request, res: Response) => {
    const update = req.body as Update | undefined;
    if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) {
      res.send(400, { error: 'not a Telegram update' });
      return;
    }
    if (!(await deps.updates.firstTime('telegram', String(update.update_id)))) {
      res.send(200, { ok: true, duplicate: true });
      return;
    }
    const message = deps.platform.inbound(update);
    if (!message) {
      res.send(200, { ok: true, ignored: true });
      return;
    }
    try {
      if (message.callbackQueryId) await deps.platform.api.answerCallbackQuery(message.callbackQueryId).catch(() => undefined);
      await deps.platform.typing(message.address).catch(() => undefined);
      await deps.adapter.receive(message, deps.logic);
    } catch (error) {
      deps.logger.error({ channel: 'telegram', err: errorSummary(error) }, 'telegram update not answered');
    }
    res.send(200, { ok: true });
  });
}
