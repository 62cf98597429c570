import path from 'node:path';
import type { Database } from './database.js';
import { migrate } from './migrations.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase } from './postgres-database.js';

/** PostgreSQL when a URL is given, embedded PGlite in dataDir otherwise; migrated either way. */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  const db = options.databaseUrl
    ? await PostgresDatabase.open(options.databaseUrl)
    : await PgliteDatabase.open(options.dataDir ? path.join(options.dataDir, 'pg') : undefined);
  await migrate(db);
  return db;
}
