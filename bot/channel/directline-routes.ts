import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { readFile, unlink } from 'node:fs/promises';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logging/logger.js';
import { RateLimit, sendTooMany } from '../server/rate-limit.js';
import type { FeedBatch } from './activity-feed.js';
import { errorSummary } from '../logging/error-summary.js';
import { ChannelError, type DirectLineChannel } from './directline-channel.js';

const BASE = '/v3/directline';
const KEEP_ALIVE_MS = 20_000;

/** Thin restify routes of the Direct Line 3.0 protocol over DirectLineChannel. */
export function registerDirectLineRoutes(server: Server, channel: DirectLineChannel, logger: Logger, options: { publicUrl?: string; postsPerMinute?: number } = {}): void {
  // Per conversation, so one token cannot flood the bot; the young person never types this fast.
  const posts = new RateLimit(options.postsPerMinute ?? 60, 60);
  const limitPosts = (req: Request, res: Response, next: Next) => {
    posts
      .take(String(req.params.conversationId))
      .then((taken) => {
        if (taken.allowed) return next();
        sendTooMany(res, taken.retryAfterSeconds, { error: { code: 'TooManyRequests', message: 'Too many messages, retry later' } });
        next(false);
      })
      .catch((error: unknown) => next(error as Error));
  };
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
  // The stream's address comes from PUBLIC_URL, never from the request's Host header (a client could point it
  // anywhere). Without PUBLIC_URL (development), only a loopback Host is believed.
  const configured = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const streamUrl = (req: Request, conversationId: string, token: string) => {
    const path = `${BASE}/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}`;
    if (configured) return `${configured.protocol === 'https:' ? 'wss' : 'ws'}://${configured.host}${configured.pathname.replace(/\/$/, '')}${path}`;
    const host = req.header('host') ?? '';
    const loopback = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i.test(host) ? host : `localhost:${(req.socket.localPort ?? 80).toString()}`;
    return `ws://${loopback}${path}`;
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
    limitPosts,
    json,
    handle(async (req) => channel.postActivity(caller(req), String(req.params.conversationId), req.body)),
  );
  server.post(
    `${BASE}/conversations/:conversationId/upload`,
    limitPosts,
    restify.plugins.bodyParser({ maxBodySize: 4 * 1_048_576, mapParams: false, mapFiles: false, multiples: true }),
    handle(async (req) => {
      const files = Object.values((req.files ?? {}) as Record<string, UploadedFile | UploadedFile[]>).flat();
      try {
        const activityFile = files.find((f) => f.type === 'application/vnd.microsoft.activity' || f.name === 'blob' || f.name === 'activity');
        const activity = activityFile ? parseActivityPart(await readFile(activityFile.path, 'utf8')) : { type: 'message' };
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
/** Returns close(): ends every open stream, so the server can stop while Web Chat is connected. */
export function attachDirectLineStream(server: Server, channel: DirectLineChannel, logger: Logger, options: { maxPerConversation?: number } = {}): { close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  const maxPerConversation = options.maxPerConversation ?? 4;
  const openStreams = new Map<string, number>();
  const pattern = new RegExp(`^${BASE}/conversations/([^/?]+)/stream$`);
  // restify re-emits 'upgrade' on itself (handleUpgrades is off) through a listener it added when it was created.
  const restifyForwarders = new Set(server.server.listeners('upgrade'));
  const othersListen = () => server.listenerCount('upgrade') > 0 || server.server.listeners('upgrade').some((l) => l !== onUpgrade && !restifyForwarders.has(l));
  // Anyone can send an upgrade request: nothing here may throw or reject, whatever the URL, token or socket does.
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client reset must not become an uncaught 'error' event.
    socket.on('error', () => socket.destroy());
    openStream(req, socket, head).catch((error: unknown) => {
      if (error instanceof UpgradeRefused || error instanceof ChannelError) return refuseUpgrade(socket, error.status);
      logger.error({ err: errorSummary(error) }, 'stream upgrade failed');
      refuseUpgrade(socket, 500);
    });
  };
  server.server.on('upgrade', onUpgrade);
  const close = () => {
    server.server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };

  return { close };

  async function openStream(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = parseRequestUrl(req.url);
    const match = url && pattern.exec(url.pathname);
    if (!url || !match?.[1]) {
      // Another upgrade listener may want this request; when there is none, answer rather than leave the socket open for ever.
      if (othersListen()) return;
      throw new UpgradeRefused(url ? 404 : 400);
    }
    const conversationId = decodeConversationId(match[1]);
    const caller = channel.authenticate(`Bearer ${url.searchParams.get('t') ?? ''}`);
    await channel.requireConversation(caller, conversationId);
    const watermark = watermarkFrom(url.searchParams.get('watermark'));
    // A few tabs or a reconnect are normal; hundreds of sockets on one conversation are not.
    if ((openStreams.get(conversationId) ?? 0) >= maxPerConversation) throw new UpgradeRefused(429);
    openStreams.set(conversationId, (openStreams.get(conversationId) ?? 0) + 1);
    const released = () => {
      const left = (openStreams.get(conversationId) ?? 1) - 1;
      if (left > 0) openStreams.set(conversationId, left);
      else openStreams.delete(conversationId);
    };
    socket.once('close', released);
    wss.handleUpgrade(req, socket, head, (ws) => {
      stream(ws, channel, conversationId, watermark, logger).catch((error: unknown) => {
        logger.error({ conversationId, err: errorSummary(error) }, 'stream failed');
        ws.terminate();
      });
    });
  }
}

/** An upgrade answered with an HTTP error status. */
class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`);
  }
}

function parseRequestUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** The conversation id of the stream path; a malformed escape, a control character or an absurd length is a bad request. */
function decodeConversationId(encoded: string): string {
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    throw new UpgradeRefused(400);
  }
  if (id.length === 0 || id.length > 256 || /[\u0000-\u001f\u007f]/.test(id)) throw new UpgradeRefused(400);
  return id;
}

/** Answers an upgrade request with a plain HTTP error on the raw socket, then closes it. */
function refuseUpgrade(socket: Duplex, status: number): void {
  try {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const reason = STATUS_CODES[status] ?? 'Error';
    socket.once('finish', () => socket.destroy());
    const retry = status === 429 ? 'Retry-After: 30\r\n' : '';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${retry}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
    // A peer that never reads must not keep the socket open.
    setTimeout(() => socket.destroy(), 5_000).unref();
  } catch {
    socket.destroy();
  }
}

async function stream(ws: WebSocket, channel: DirectLineChannel, conversationId: string, watermark: number, logger: Logger): Promise<void> {
  let sent = watermark;
  let ready = false;
  const open = () => ws.readyState === ws.OPEN;
  const write = (batch: FeedBatch) => {
    sent = batch.watermark;
    ws.send(JSON.stringify({ activities: batch.activities, watermark: String(batch.watermark) }));
  };
  // Everything after the watermark this stream has sent, from the database: the backlog, activities stored
  // by another instance, or a gap left by appends that finished out of order.
  const catchUp = async () => {
    let page = await channel.since(conversationId, sent);
    let wrote = false;
    while (page.activities.length > 0 && open()) {
      write(page);
      wrote = true;
      page = await channel.since(conversationId, page.watermark);
    }
    return wrote;
  };
  const deliver = async (batch: FeedBatch) => {
    if (!open() || batch.watermark <= sent) return;
    if (!batch.elsewhere && batch.watermark - batch.activities.length === sent) return write(batch);
    if ((await catchUp()) && batch.elsewhere) channel.onRead?.(conversationId);
  };
  // One step at a time, in order: the backlog first, then each published batch.
  let steps: Promise<unknown> = catchUp().then(() => {
    ready = true;
    channel.onRead?.(conversationId);
  });
  const fail = (error: unknown) => {
    logger.error({ conversationId, err: errorSummary(error) }, 'stream failed');
    ws.close(1011);
  };
  steps = steps.catch(fail);
  // Subscribed in the same tick as the backlog read starts, so nothing published in between is lost.
  const unsubscribe = channel.subscribe(conversationId, (batch) => {
    // Live-only activities (a référent typing) carry no watermark: Web Chat keeps the one it has.
    if (batch.ephemeral) return void (ready && open() && ws.send(JSON.stringify({ activities: batch.activities })));
    steps = steps.then(() => deliver(batch)).catch(fail);
  });
  const keepAlive = setInterval(() => open() && ws.send(''), KEEP_ALIVE_MS);
  ws.on('close', () => {
    unsubscribe();
    clearInterval(keepAlive);
  });
  ws.on('error', () => ws.terminate());
  await steps;
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

/** The highest watermark the store can hold (a PostgreSQL integer); a larger one is a bad request, not a crash. */
const MAX_WATERMARK = 2 ** 31 - 1;

function watermarkFrom(value: unknown): number {
  const n = Number.parseInt(String(value ?? '0'), 10);
  if (Number.isFinite(n) && n > MAX_WATERMARK) throw new ChannelError(400, 'BadArgument', 'Watermark out of range');
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function parseActivityPart(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChannelError(400, 'BadArgument', 'The activity part is not JSON');
  }
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof ChannelError) {
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  logger.error({ err: errorSummary(error) }, 'direct line request failed');
  res.send(500, { error: { code: 'ServiceError', message: 'Internal error' } });
}
