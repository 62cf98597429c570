import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one holding package.json). Files that are not code (knowledge/, the web pages, the
 * TypeScript sources the crisis model's name hashes) are found from here, so the same lookup works from the
 * sources (tsx, vitest) and from the JavaScript that `npm run build` writes to dist/.
 */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
