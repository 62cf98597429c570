import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { projectPath } from '../../knowledge/project-path.js';
import { compressedVariants, negotiate, type CompressedFile } from './compressed-file.js';
import { renderAboutPage, renderPage, type ServiceInfo } from './service-info.js';

const publicDir = projectPath('bot', 'web', 'public');

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

/** The bundle's address changes with its content, so browsers may keep it for a year. */
const STATIC_CACHE = 'public, max-age=31536000, immutable';

export interface WebRoutesOptions extends ServiceInfo {
  quickExitUrl: string;
}

/**
 * The web chat page at /, the service information at /a-propos, the page's script and style, and Web Chat
 * served from node_modules (no CDN). Every file is compressed once, in the background from the start (Brotli and gzip): on a phone
 * on 3G, Web Chat's 3.9 MB bundle is sent as about 0.7 MB.
 */
export function registerWebRoutes(server: Server, options: WebRoutesOptions): void {
  const text = (name: string) => readFileSync(path.join(publicDir, name), 'utf8');
  const bundle = readFileSync(webChatBundle());
  const files = new Map<string, CompressedFile>();
  const addStatic = (name: string, body: Buffer | string, type: string) => {
    const file = compressedVariants(body, type);
    files.set(name, file);
    return `/static/${file.hash}/${name}`;
  };
  const webChatUrl = addStatic('webchat.js', bundle, 'text/javascript; charset=utf-8');
  const chatJsUrl = addStatic('chat.js', text('chat.js'), 'text/javascript; charset=utf-8');
  const cssUrl = addStatic('chat.css', text('chat.css'), 'text/css; charset=utf-8');
  const config = { quickExitUrl: options.quickExitUrl, webChatUrl };
  const page = compressedVariants(renderPage(text('index.html'), options, config).replace('/static/chat.js', chatJsUrl).replace('/static/chat.css', cssUrl), 'text/html; charset=utf-8');
  const about = compressedVariants(renderAboutPage(text('a-propos.html'), options).replace('/static/chat.css', cssUrl), 'text/html; charset=utf-8');

  const send = async (req: Request, res: Response, file: CompressedFile, cache: string) => {
    const variant = await negotiate(file, req.header('accept-encoding') ?? '');
    res.writeHead(200, {
      'Content-Type': file.type,
      'Cache-Control': cache,
      Vary: 'Accept-Encoding',
      'Content-Length': String(variant.body.length),
      ...(variant.encoding ? { 'Content-Encoding': variant.encoding } : {}),
      ...SECURITY_HEADERS,
    });
    res.end(variant.body);
  };
  server.get('/', async (req: Request, res: Response) => send(req, res, page, 'no-store'));
  server.get('/a-propos', async (req: Request, res: Response) => send(req, res, about, 'no-cache'));
  server.get('/static/:hash/:file', async (req: Request, res: Response) => {
    const file = files.get(String(req.params.file));
    if (!file || file.hash !== String(req.params.hash)) {
      res.send(404, { error: 'not found' });
      return;
    }
    await send(req, res, file, STATIC_CACHE);
  });
  // Older pages (and bookmarks) asked for the files without a version: the current one, not cached for long.
  server.get('/static/:file', async (req: Request, res: Response) => {
    const file = files.get(String(req.params.file));
    if (!file) {
      res.send(404, { error: 'not found' });
      return;
    }
    await send(req, res, file, 'public, max-age=300');
  });
}
