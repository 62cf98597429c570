import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { projectPath } from '../../knowledge/project-path.js';

/**
 * PGlite's start parameters. shared_buffers is PostgreSQL's page cache inside the WebAssembly memory: PGlite's
 * 128 MB default makes that memory grow by 100 MB more than the embedded database of one instance needs (its
 * files stay in the system's file cache anyway); at 16 MB the process is 100 MB smaller and opens in half the time.
 */
export const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };

/** Raised when what the template holds changes, so that an older one is not used. */
const TEMPLATE_FORMAT = 1;

/**
 * A new database folder starts from a copy of a pristine one made once per installation (`npm install` runs
 * `npm run db:template`), instead of running initdb in WebAssembly for each folder: about 1 s instead of 5 s
 * (7 s of CPU), and none of the 400 MB initdb leaves in the process. The copy is PGlite's own dump
 * (`dumpDataDir`), kept under node_modules/.cache beside the PGlite version that made it; it already has
 * wal_recycle off (see pglite-database.ts). Without it, a folder is made with initdb as before.
 */
export function pgliteTemplateFile(): string {
  return projectPath('node_modules', '.cache', 'relais', `pglite-${pgliteVersion()}-template-${TEMPLATE_FORMAT}.tar.gz`);
}

/** The template as PGlite's `loadDataDir` takes it, or undefined when none was made for this PGlite. */
export function readPgliteTemplate(): Blob | undefined {
  const file = pgliteTemplateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Makes the template: a database in memory, set up as a folder's first start would, dumped. */
export async function writePgliteTemplate(file = pgliteTemplateFile()): Promise<void> {
  const db = await PGlite.create(PGLITE_OPTIONS);
  try {
    await db.query('alter system set wal_recycle = off');
    const dump = await db.dumpDataDir('gzip');
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a start never reads half a template.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await db.close();
  }
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@electric-sql/pglite' && version) return version;
  }
  throw new Error('pgliteVersion(): the package.json of @electric-sql/pglite was not found');
}
