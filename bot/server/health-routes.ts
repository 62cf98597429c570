import type { Request, Response, Server } from 'restify';

/** Liveness (the process answers) and readiness (database and knowledge base are usable). */
export function registerHealthRoutes(server: Server, isReady: () => Promise<boolean>, details: () => Record<string, unknown> = () => ({})): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = await isReady().catch(() => false);
    // Degraded parts (vector search, model) are reported, not fatal: the bot still answers, lexically and extractively.
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting', ...details() });
  });
}
