import type { IncomingMessage } from 'node:http';
import { readFile, unlink } from 'node:fs/promises';
import restify, { type Request, type Response, type Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logging/logger.js';
import { ChannelError, type DirectLineChannel, errorSummary } from './directline-channel.js';

const BASE = '/v3/directline';
const KEEP_ALIVE_MS = 20_000;

/** Thin restify routes of the Direct Line 3.0 protocol over DirectLineChannel. */
export function registerDirectLineRoutes(server: Server, channel: DirectLineChannel, logger: Logger): void {
  const json = restify.plugins.bodyParser({ maxBodySize: 1_048_576, mapParams: false });
  const handle =
    (fn: (req: Request, res: Response) => Promise<unknown>, status = 200) =>
    async (req: Request, res: Response) => {
      try {
        const body = await fn(req, res);
        res.send(status, body);
      } catch (error) {
        sendError(res, error, logger);
      }
    };
  const caller = (req: Request) => channel.authenticate(req.header('authorization'));
  const streamUrl = (req: Request, conversationId: string, token: string) => {
    const proto = req.header('x-forwarded-proto') === 'https' || (req.socket as { encrypted?: boolean }).encrypted ? 'wss' : 'ws';
    return `${proto}://${req.header('host')}${BASE}/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}`;
  };

  server.post(`${BASE}/tokens/generate`, json, handle(async (req) => channel.generateToken(caller(req), userIdFrom(req.body))));
  server.post(`${BASE}/tokens/refresh`, handle(async (req) => channel.refreshToken(caller(req))));
  server.post(
    `${BASE}/conversations`,
    json,
    async (req: Request, res: Response) => {
      try {
        const started = await channel.startConversation(caller(req), userIdFrom(req.body));
        const { created, ...body } = started;
        res.send(created ? 201 : 200, { ...body, streamUrl: streamUrl(req, started.conversationId, started.token) });
      } catch (error) {
        sendError(res, error, logger);
      }
    },
  );
  server.get(
    `${BASE}/conversations/:conversationId`,
    handle(async (req) => {
      const conversation = await channel.getConversation(caller(req), String(req.params.conversationId));
      return { ...conversation, streamUrl: streamUrl(req, conversation.conversationId, conversation.token) };
    }),
  );
  server.get(
    `${BASE}/conversations/:conversationId/activities`,
    handle(async (req) => channel.getActivities(caller(req), String(req.params.conversationId), watermarkFrom(req.query?.watermark))),
  );
  server.post(
    `${BASE}/conversations/:conversationId/activities`,
    json,
    handle(async (req) => channel.postActivity(caller(req), String(req.params.conversationId), req.body)),
  );
  server.post(
    `${BASE}/conversations/:conversationId/upload`,
    restify.plugins.bodyParser({ maxBodySize: 4 * 1_048_576, mapParams: false, mapFiles: false, multiples: true }),
    handle(async (req) => {
      const files = Object.values((req.files ?? {}) as Record<string, UploadedFile | UploadedFile[]>).flat();
      try {
        const activityFile = files.find((f) => f.type === 'application/vnd.microsoft.activity' || f.name === 'blob' || f.name === 'activity');
        const activity = activityFile ? JSON.parse(await readFile(activityFile.path, 'utf8')) : { type: 'message' };
        const attachments = files.filter((f) => f !== activityFile).map((f) => ({ name: f.name ?? 'fichier', contentType: f.type ?? 'application/octet-stream' }));
        return await channel.upload(caller(req), String(req.params.conversationId), activity, attachments);
      } finally {
        // Files are never read nor kept: Relais does not process attachments yet.
        await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
      }
    }),
  );
}

/** WebSocket stream at streamUrl: the backlog after the watermark, then live activity sets. */
export function attachDirectLineStream(server: Server, channel: DirectLineChannel, logger: Logger): void {
  const wss = new WebSocketServer({ noServer: true });
  const pattern = new RegExp(`^${BASE}/conversations/([^/?]+)/stream$`);
  server.server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = pattern.exec(url.pathname);
    if (!match?.[1]) return;
    const conversationId = decodeURIComponent(match[1]);
    void (async () => {
      try {
        const token = url.searchParams.get('t') ?? '';
        const caller = channel.authenticate(`Bearer ${token}`);
        await channel.requireConversation(caller, conversationId);
        wss.handleUpgrade(req, socket, head, (ws) => void stream(ws, channel, conversationId, watermarkFrom(url.searchParams.get('watermark')), logger));
      } catch {
        socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        socket.destroy();
      }
    })();
  });
}

async function stream(ws: WebSocket, channel: DirectLineChannel, conversationId: string, watermark: number, logger: Logger): Promise<void> {
  let sent = watermark;
  const pending: Array<{ activities: unknown[]; watermark: number }> = [];
  let ready = false;
  const send = (batch: { activities: unknown[]; watermark: number }) => {
    if (batch.watermark <= sent || ws.readyState !== ws.OPEN) return;
    sent = batch.watermark;
    ws.send(JSON.stringify({ activities: batch.activities, watermark: String(batch.watermark) }));
  };
  // Subscribe before reading the backlog so nothing published in between is lost.
  const unsubscribe = channel.subscribe(conversationId, (batch) => (ready ? send(batch) : pending.push(batch)));
  const keepAlive = setInterval(() => ws.readyState === ws.OPEN && ws.send(''), KEEP_ALIVE_MS);
  ws.on('close', () => {
    unsubscribe();
    clearInterval(keepAlive);
  });
  ws.on('error', () => ws.terminate());
  try {
    let page = await channel.since(conversationId, watermark);
    while (page.activities.length > 0) {
      send(page);
      page = await channel.since(conversationId, page.watermark);
    }
    ready = true;
    for (const batch of pending.splice(0)) send(batch);
  } catch (error) {
    logger.error({ conversationId, err: errorSummary(error) }, 'stream backlog failed');
    ws.close(1011);
  }
}

interface UploadedFile {
  path: string;
  name?: string;
  type?: string;
}

function userIdFrom(body: unknown): string | undefined {
  const id = (body as { user?: { id?: unknown } } | undefined)?.user?.id;
  return typeof id === 'string' && /^[\w.:@-]{1,128}$/.test(id) ? id : undefined;
}

function watermarkFrom(value: unknown): number {
  const n = Number.parseInt(String(value ?? '0'), 10);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof ChannelError) {
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  logger.error({ err: errorSummary(error) }, 'direct line request failed');
  res.send(500, { error: { code: 'ServiceError', message: 'Internal error' } });
}
