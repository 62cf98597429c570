import { existsSync } from 'node:fs';
import { pgliteTemplateFile, writePgliteTemplate } from '../bot/storage/pglite-template.js';

/**
 * npm run db:template (also run by `npm install`) — makes the embedded database's template once for this
 * installation, so each new data folder starts in about a second (bot/storage/pglite-template.ts). Never fails
 * an install: without a template, a new folder is made the slower way.
 */
const file = pgliteTemplateFile();
if (existsSync(file) && !process.argv.includes('--force')) {
  console.log(`PGlite template: ${file} (already made)`);
} else {
  const begin = Date.now();
  try {
    await writePgliteTemplate(file);
    console.log(`PGlite template made in ${Date.now() - begin} ms: ${file}`);
  } catch (error) {
    console.warn(`PGlite template not made (${error instanceof Error ? error.message : String(error)}); new data folders run initdb instead`);
  }
}
