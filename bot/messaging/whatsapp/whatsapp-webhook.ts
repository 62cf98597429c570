import { createHmac, timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import { sameToken } from '../../console/console-sessions.js';
import { errorSummary } from '../../logging/error-summary.js';
import type { Logger } from '../../logging/logger.js';
import type { MessagingAdapter } from '../messaging-adapter.js';
import type { UpdateLog } from '../update-log.js';
import type { WhatsAppPlatform } from './whatsapp-platform.js';

export const WHATSAPP_WEBHOOK_PATH = '/api/whatsapp';

export interface WhatsAppWebhookDeps {
  adapter: MessagingAdapter;
  platform: WhatsAppPlatform;
  updates: UpdateLog;
  /** WHATSAPP_VERIFY_TOKEN: what Meta sends back when the webhook is registered. */
  verifyToken: string;
  /** WHATSAPP_APP_SECRET: the key of X-Hub-Signature-256 on every notification. */
  appSecret: string;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/** True when `header` is "sha256=<hex>" of the body under the app's secret (compared in constant time). */
export function validSignature(rawBody: string, header: string | undefined, appSecret: string): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody, 'utf8').digest();
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected);
}

/**
 * WhatsApp Cloud API's webhook. GET answers Meta's verification challenge when the verify token matches.
 * POST is processed only with a valid X-Hub-Signature-256 (else 401, nothing read further); each message id is
 * answered once, however many times it is delivered; one whose answer could not be sent gets a 503 and comes again.
 */
export function registerWhatsAppWebhook(server: Server, deps: WhatsAppWebhookDeps): void {
  server.get(WHATSAPP_WEBHOOK_PATH, async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    if (query['hub.mode'] !== 'subscribe' || !sameToken(query['hub.verify_token'], deps.verifyToken)) {
      res.send(403, { error: 'forbidden' });
      return;
    }
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.sendRaw(200, String(query['hub.challenge'] ?? '').slice(0, 200));
  });

  server.post(WHATSAPP_WEBHOOK_PATH, restify.plugins.bodyReader({ maxBodySize: 512 * 1024 }), async (req: Request, res: Response) => {
    const raw = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    if (!validSignature(raw, req.header('x-hub-signature-256'), deps.appSecret)) {
      res.send(401, { error: 'unauthorized' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      res.send(400, { error: 'not JSON' });
      return;
    }
    let unanswered = 0;
    for (const message of deps.platform.inbound(payload)) {
      if (!(await deps.updates.claim('whatsapp', message.updateId))) continue;
      try {
        await deps.platform.typing(message.address, message.updateId).catch(() => undefined);
        await deps.adapter.receive(message, deps.logic);
        await deps.updates.done('whatsapp', message.updateId);
      } catch (error) {
        // Not answered: released, and a 503 makes Meta deliver the notification again (the answered ones stay done).
        deps.logger.error({ channel: 'whatsapp', err: errorSummary(error) }, 'whatsapp message not answered; Meta will deliver it again');
        await deps.updates.release('whatsapp', message.updateId);
        unanswered += 1;
      }
    }
    if (unanswered > 0) res.send(503, { error: 'not answered, retry later' });
    else res.send(200, { ok: true });
  });
}
