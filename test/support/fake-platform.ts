import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  /** The path called, e.g. /bot123:token/sendMessage or /PHONE_ID/messages. */
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for a messaging platform's HTTP API (Telegram Bot API, WhatsApp Cloud API), started by the
 * test on loopback: it records every call and answers what `respond` returns, so the app's base-URL setting can
 * point to it and no test touches the network.
 */
export async function fakePlatform(respond: (call: FakeCall) => unknown): Promise<{ url: string; calls: FakeCall[]; server: Server; close(): Promise<void> }> {
  const calls: FakeCall[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      // JSON, as both APIs take it, or a form (the Graph API's subscriptions).
      const body = !data ? {} : String(req.headers['content-type']).includes('json') ? (JSON.parse(data) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(data));
      const call = { path: req.url ?? '', authorization: req.headers.authorization, body };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(respond(call)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
