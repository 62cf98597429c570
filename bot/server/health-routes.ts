import type { Request, Response, Server } from 'restify';

/** Liveness (the process answers) and readiness (database and knowledge base are usable). */
export function registerHealthRoutes(server: Server, isReady: () => Promise<boolean>): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = await isReady().catch(() => false);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
  });
}
