import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { DirectLineChannel } from '../channel/directline-channel.js';
import type { Logger } from '../logging/logger.js';
import type { ClientAddress } from '../server/client-address.js';
import { RateLimit, sendTooMany } from '../server/rate-limit.js';

/**
 * Same-origin, rate-limited endpoint that gives the web page a short-lived Direct Line token.
 * The browser keeps a signed user key (not the secret) so Relais can recognise it next time.
 */
export function registerWebChatTokenRoute(server: Server, channel: DirectLineChannel, secret: string, ratePerMinute: number, logger: Logger, clientAddress: ClientAddress): void {
  const userKeys = new UserKeys(secret);
  const limit = new RateLimit(ratePerMinute, 60);
  server.post(
    '/api/webchat/token',
    restify.plugins.bodyParser({ maxBodySize: 4096, mapParams: false }),
    async (req: Request, res: Response) => {
      try {
        const taken = await limit.take(clientAddress(req));
        if (!taken.allowed) return sendTooMany(res, taken.retryAfterSeconds, { error: 'too many requests' });
        const body = (req.body ?? {}) as { userKey?: unknown; conversationId?: unknown };
        const userId = (typeof body.userKey === 'string' && userKeys.verify(body.userKey)) || `dl_${randomBytes(16).toString('base64url')}`;
        // Resume only a conversation that belongs to this user key.
        if (typeof body.conversationId === 'string') {
          const resumed = await channel
            .requireConversation({ kind: 'secret' }, body.conversationId)
            .then((c) => (c.userId === userId ? c : undefined))
            .catch(() => undefined);
          if (resumed) {
            res.send({ conversationId: resumed.id, ...channel.tokens.issue(resumed.id, userId), userKey: userKeys.sign(userId), resumed: true });
            return;
          }
        }
        const generated = channel.generateToken({ kind: 'secret' }, userId);
        res.send({ ...generated, userKey: userKeys.sign(userId), resumed: false });
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : 'unknown' }, 'web chat token failed');
        res.send(500, { error: 'token unavailable' });
      }
    },
  );
}

class UserKeys {
  constructor(private readonly secret: string) {}

  sign(userId: string): string {
    return `${userId}.${this.mac(userId)}`;
  }

  verify(key: string): string | undefined {
    const dot = key.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const userId = key.slice(0, dot);
    const given = Buffer.from(key.slice(dot + 1));
    const expected = Buffer.from(this.mac(userId));
    return given.length === expected.length && timingSafeEqual(given, expected) && /^dl_[\w-]{10,64}$/.test(userId) ? userId : undefined;
  }

  private mac(userId: string): string {
    return createHmac('sha256', `user-key:${this.secret}`).update(userId).digest('base64url');
  }
}
