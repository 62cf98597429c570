import { readFileSync } from 'node:fs';
import path from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import { projectPath } from '../../knowledge/project-path.js';
import { SECURITY_HEADERS } from '../console/console-page.js';

const publicDir = projectPath('bot', 'editor', 'public');

/** The editors' page at /editor: static HTML, CSS and one script over /editor/api, no build step. */
export function registerEditorPage(server: Server): void {
  const files: Record<string, { body: Buffer; type: string }> = {
    'editor.js': { body: readFileSync(path.join(publicDir, 'editor.js')), type: 'text/javascript; charset=utf-8' },
    'editor.css': { body: readFileSync(path.join(publicDir, 'editor.css')), type: 'text/css; charset=utf-8' },
  };
  const page = readFileSync(path.join(publicDir, 'index.html'));
  const gzip = restify.plugins.gzipResponse();
  server.get('/editor', gzip, async (_req: Request, res: Response) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(page);
  });
  server.get('/editor/static/:file', gzip, async (req: Request, res: Response) => {
    const file = Object.hasOwn(files, String(req.params.file)) ? files[String(req.params.file)] : undefined;
    if (!file) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    res.end(file.body);
  });
}
