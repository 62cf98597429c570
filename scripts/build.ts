/**
 * npm run build: the server's TypeScript (bot/, dialogs/, knowledge/) compiled to JavaScript in dist/, file by
 * file with esbuild (a fraction of a second), so that `npm start` runs plain Node.js: no TypeScript loader in
 * the process, a faster start and less memory. Types are checked by `npm run lint`, not here.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../knowledge/project-path.js';

const SOURCE_FOLDERS = ['bot', 'dialogs', 'knowledge'];
const outdir = path.join(PROJECT_ROOT, 'dist');

const begin = performance.now();
// A file removed from the sources must not stay runnable in dist/.
for (const folder of SOURCE_FOLDERS) rmSync(path.join(outdir, folder), { recursive: true, force: true });
const entryPoints = SOURCE_FOLDERS.flatMap((folder) => readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' }).map((file) => path.join(folder, file))).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
await build({
  absWorkingDir: PROJECT_ROOT,
  entryPoints,
  outdir,
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
process.stdout.write(`built ${entryPoints.length} files to dist/ in ${Math.round(performance.now() - begin)} ms\n`);
