import type { Request, Response, Server } from 'restify';
import type { CaseEvents } from '../handoff/case-events.js';
import { covers } from '../handoff/actor.js';
import type { ConsoleAuth } from './console-auth.js';

const KEEP_ALIVE_MS = 20_000;

/**
 * GET /console/api/events: server-sent events of the cases the signed-in person may see, so the
 * queue updates by itself. The stream ends when the session expires.
 */
export function registerConsoleEvents(server: Server, auth: ConsoleAuth, events: CaseEvents, options: { keepAliveMs?: number } = {}): { close(): void } {
  const open = new Set<Response>();
  server.get('/console/api/events', async (req: Request, res: Response) => {
    const signed = await auth.signedIn(req);
    if (!signed || signed.mustChangePassword) {
      res.send(401, { error: { code: 'not_logged_in', message: 'Ta session a expiré. Reconnecte-toi.' } });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    open.add(res);
    const unsubscribe = events.subscribe((event) => {
      if (!covers(signed.actor, event.departement)) return;
      const { type, ...data } = event;
      res.write(`event: ${type}\ndata: ${JSON.stringify({ caseId: data.caseId, kind: 'kind' in data ? data.kind : undefined })}\n\n`);
    });
    const keepAlive = setInterval(() => {
      void auth.sessions.alive(signed.token).then(
        (alive) => (alive ? res.write(': keep-alive\n\n') : res.end()),
        () => res.end(),
      );
    }, options.keepAliveMs ?? KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      open.delete(res);
    });
  });
  return {
    close: () => {
      for (const res of open) res.end();
    },
  };
}
