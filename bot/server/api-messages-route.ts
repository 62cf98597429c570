import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { RelaisAdapter } from '../adapter/relais-adapter.js';

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
    await adapter.process(req, res, logic);
  });
}
