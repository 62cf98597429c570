import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import restify, { type Request, type Response, type Server } from 'restify';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** Web Chat's browser bundle, resolved from the package's entry because its exports map hides dist/. */
function webChatBundle(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  return path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}lib${path.sep}`)), 'dist', 'webchat.js');
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** The web chat page at /, its script and style, and Web Chat served from node_modules (no CDN). */
export function registerWebRoutes(server: Server, options: { quickExitUrl: string }): void {
  const config = JSON.stringify({ quickExitUrl: options.quickExitUrl }).replace(/</g, '\\u003c');
  const page = readFileSync(path.join(publicDir, 'index.html'), 'utf8').replace('__RELAIS_CONFIG__', config);
  const files: Record<string, { body: Buffer; type: string }> = {
    'chat.js': { body: readFileSync(path.join(publicDir, 'chat.js')), type: 'text/javascript; charset=utf-8' },
    'chat.css': { body: readFileSync(path.join(publicDir, 'chat.css')), type: 'text/css; charset=utf-8' },
    'webchat.js': { body: readFileSync(webChatBundle()), type: 'text/javascript; charset=utf-8' },
  };
  const send = (res: Response, body: Buffer | string, type: string, cache: string) => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, ...SECURITY_HEADERS });
    res.end(body);
  };
  const gzip = restify.plugins.gzipResponse();
  server.get('/', gzip, async (_req: Request, res: Response) => send(res, page, 'text/html; charset=utf-8', 'no-store'));
  server.get('/static/:file', gzip, async (req: Request, res: Response) => {
    const file = files[String(req.params.file)];
    if (!file) {
      res.send(404, { error: 'not found' });
      return;
    }
    send(res, file.body, file.type, 'public, max-age=3600');
  });
}
