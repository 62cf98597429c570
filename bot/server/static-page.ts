import { readFileSync } from 'node:fs';
import path from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';

/** The staff pages (console, editors): same-origin only, no inline script, never framed, never indexed. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * A static page at `mount` (its index.html, never cached) and its files at `mount`/static/:file (read once at start,
 * only the names given), with the security headers. No build step.
 */
export function registerStaticPage(server: Server, mount: string, publicDir: string, fileNames: readonly string[]): void {
  const files: Record<string, { body: Buffer; type: string }> = Object.fromEntries(fileNames.map((name) => [name, { body: readFileSync(path.join(publicDir, name)), type: TYPES[path.extname(name)] ?? 'application/octet-stream' }]));
  const page = readFileSync(path.join(publicDir, 'index.html'));
  const gzip = restify.plugins.gzipResponse();
  server.get(mount, gzip, async (_req: Request, res: Response) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(page);
  });
  server.get(`${mount}/static/:file`, gzip, async (req: Request, res: Response) => {
    const file = Object.hasOwn(files, String(req.params.file)) ? files[String(req.params.file)] : undefined;
    if (!file) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    res.end(file.body);
  });
}
