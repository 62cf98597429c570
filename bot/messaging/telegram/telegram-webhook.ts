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
 * update already answered (a retry, a replay) is acknowledged and not answered again; the others run a turn.
 * An update whose answer could not be sent gets a 503, and Telegram delivers it again.
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
    const updateId = String(update.update_id);
    if (!(await deps.updates.claim('telegram', updateId))) {
      res.send(200, { ok: true, duplicate: true });
      return;
    }
    const message = deps.platform.inbound(update);
    if (message) {
      try {
        if (message.callbackQueryId) await deps.platform.api.answerCallbackQuery(message.callbackQueryId).catch(() => undefined);
        await deps.platform.typing(message.address).catch(() => undefined);
        await deps.adapter.receive(message, deps.logic);
      } catch (error) {
        // Not answered (Telegram unreachable, a failing turn): released, so Telegram's retry is answered.
        deps.logger.error({ channel: 'telegram', err: errorSummary(error) }, 'telegram update not answered; Telegram will deliver it again');
        await deps.updates.release('telegram', updateId);
        res.send(503, { error: 'not answered, retry later' });
        return;
      }
    }
    await deps.updates.done('telegram', updateId);
    res.send(200, { ok: true });
  });
}
