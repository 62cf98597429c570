import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import { errorSummary } from '../logging/error-summary.js';
import type { Logger } from '../logging/logger.js';
import type { RelaisAdapter } from '../adapter/relais-adapter.js';
import { storableJson, UnstorableJson } from '../storage/storable-json.js';

/**
 * /api/messages for Azure Bot Service channels, authenticated by CloudAdapter.
 * Without an app id it is anonymous, so it is refused in production: anyone could make the bot post to any serviceUrl.
 */
export function registerApiMessagesRoute(server: Server, adapter: RelaisAdapter, logic: (context: TurnContext) => Promise<void>, options: { refuse: boolean }, logger: Logger): void {
  let lastUnavailableLog = 0;
  server.post('/api/messages', restify.plugins.bodyParser({ maxBodySize: 1_048_576, mapParams: false }), async (req: Request, res: Response) => {
    if (options.refuse) {
      res.send(403, { error: 'Anonymous /api/messages is disabled in production: set MicrosoftAppId.' });
      return;
    }
    // A channel's activity is an object with a type; anything else, or a value no store can keep, is refused here
    // instead of failing deep in the adapter.
    const body = req.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'An activity object with a type is expected.' });
      return;
    }
    try {
      req.body = storableJson(body);
    } catch (error) {
      if (!(error instanceof UnstorableJson)) throw error;
      res.send(400, { error: `Activity refused: ${error.message}` });
      return;
    }
    try {
      const result = await adapter.processChannelActivity(req.header('authorization') ?? '', withDates(req.body as Activity), logic);
      if (result.unavailable) {
        // Once a minute at most: a channel retries, and the log must not fill with the same network error.
        if (Date.now() - lastUnavailableLog > 60_000) {
          lastUnavailableLog = Date.now();
          logger.warn({ cause: result.unavailable }, 'Bot Framework signing keys unreachable: /api/messages answers 503');
        }
        res.header('Retry-After', '30');
      }
      res.send(result.status, result.body);
    } catch (error) {
      logger.error({ err: errorSummary(error) }, '/api/messages turn failed');
      res.send(500, { error: 'Internal error' });
    }
  });
}

/** Timestamps arrive as strings: made dates, as CloudAdapter.process does (its validator is not exported). */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration']) {
    const value = raw[field];
    if (typeof value === 'string') {
      const date = new Date(value);
      raw[field] = Number.isNaN(date.getTime()) ? undefined : date;
      raw[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
    }
  }
  return activity;
}
