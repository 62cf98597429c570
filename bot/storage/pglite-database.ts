import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataDirLock } from './data-dir-lock.js';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';
import { PglitePreparedStatements } from './pglite-prepared-statements.js';
import { PGLITE_OPTIONS, readPgliteTemplate } from './pglite-template.js';

/** Embedded PostgreSQL (WebAssembly, in process). dataDir undefined means in memory. */
export class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;
  private readonly prepared: PglitePreparedStatements;

  private constructor(
    private readonly db: PGlite,
    private readonly lock?: DataDirLock,
  ) {
    this.prepared = new PglitePreparedStatements(db);
  }

  static async open(dataDir?: string): Promise<PgliteDatabase> {
    // A new database starts from the installation's template, when there is one (pglite-template.ts).
    const template = () => {
      const loadDataDir = readPgliteTemplate();
      return loadDataDir ? { loadDataDir } : {};
    };
    if (!dataDir) return new PgliteDatabase(await PGlite.create({ ...PGLITE_OPTIONS, ...template() }));
    mkdirSync(dataDir, { recursive: true });
    // Two processes on one PGlite folder silently diverge (each has its own copy in memory): refuse the second.
    const lock = DataDirLock.acquire(dataDir);
    try {
      const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
      return new PgliteDatabase(await withoutWalRecycling(dataDir, fresh ? template() : {}), lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<{ rows: Row[] }> {
    await yieldToIncomingRequests();
    return this.prepared.query<Row>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await yieldToIncomingRequests();
    await this.db.exec(sql);
    // Migrations and maintenance: what a statement prepared before reads may have changed.
    await this.prepared.forgetAll();
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({
        query: async <Row>(sql: string, params: unknown[] = []) => ({ rows: (await tx.query<Row>(sql, params)).rows }),
        exec: async (sql: string) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  async close(): Promise<void> {
    await this.db.close();
    this.lock?.release();
  }
}

/**
 * Opens the folder with wal_recycle = off: a write-ahead log segment that is no longer needed is deleted, not
 * renamed for reuse with the old bytes (erased messages) still in it (see bot/privacy/disk-scrub.ts). The
 * setting takes effect at the next start, so the first start sets it and opens the folder again (a folder made
 * from the template has it already).
 */
async function withoutWalRecycling(dataDir: string, template: { loadDataDir?: Blob }): Promise<PGlite> {
  const db = await PGlite.create(dataDir, { ...PGLITE_OPTIONS, ...template });
  const { rows } = await db.query<{ wal_recycle: string }>('show wal_recycle');
  if (rows[0]?.wal_recycle === 'off') return db;
  await db.query('alter system set wal_recycle = off');
  await db.close();
  return PGlite.create(dataDir, PGLITE_OPTIONS);
}

/**
 * PGlite runs in this thread and its queries resolve as promises: under load, turns chained query after query
 * kept Node from polling its sockets, so some requests waited seconds (p99 1.9–8 s at 50 concurrent turns,
 * against under 1 s with this yield; same or better throughput). Each statement first lets the event loop read
 * what has arrived.
 */
function yieldToIncomingRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
