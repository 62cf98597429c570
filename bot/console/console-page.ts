import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../knowledge/project-path.js';
import restify, { type Request, type Response, type Server } from 'restify';

const publicDir = projectPath('bot', 'console', 'public');

/** The console's and the editors' pages: same-origin only, no inline script, never framed. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** The console page at /console: static HTML, CSS and one script, no build step. */
export function registerConsolePage(server: Server): void {
  const files: Record<string, { body: Buffer; type: string }> = {
    'console.js': { body: readFileSync(path.join(publicDir, 'console.js')), type: 'text/javascript; charset=utf-8' },
    'console.css': { body: readFileSync(path.join(publicDir, 'console.css')), type: 'text/css; charset=utf-8' },
  };
  const page = readFileSync(path.join(publicDir, 'index.html'));
  const gzip = restify.plugins.gzipResponse();
  server.get('/console', gzip, async (_req: Request, res: Response) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(page);
  });
  server.get('/console/static/:file', gzip, async (req: Request, res: Response) => {
    const file = Object.hasOwn(files, String(req.params.file)) ? files[String(req.params.file)] : undefined;
    if (!file) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    res.end(file.body);
  });
}
