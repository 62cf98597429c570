import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { RelaisAdapter } from '../adapter/relais-adapter.js';
import { storableJson, UnstorableJson } from '../channel/storable-json.js';

/**
 * /api/messages for Azure Bot Service channels, authenticated by CloudAdapter.
 * Without an app id it is anonymous, so it is refused in production: anyone could make the bot post to any serviceUrl.
 */
export function registerApiMessagesRoute(server: Server, adapter: RelaisAdapter, logic: (context: TurnContext) => Promise<void>, options: { refuse: boolean }): void {
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
    await adapter.process(req, res, logic);
  });
}
