import { randomUUID } from 'node:crypto';
import { MemoryStorage, type Storage } from 'botbuilder';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../bot/storage/open-database.js';
import { SqlStorage } from '../../bot/storage/sql-storage.js';
import type { Database } from '../../bot/storage/database.js';

/** One contract for every Storage Relais may use: MemoryStorage is the reference. */
function storageContract(name: string, make: () => Promise<{ storage: Storage; close(): Promise<void> }>, skip = false) {
  describe.skipIf(skip)(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, close } = await make());
    });
    afterAll(async () => close?.());

    it('when an item is written, it reads back with an eTag', async () => {
      await storage.write({ a: { count: 1, nested: { x: 'é' } } });
      const read = await storage.read(['a', 'missing']);
      expect(read.a).toMatchObject({ count: 1, nested: { x: 'é' } });
      expect(typeof read.a.eTag).toBe('string');
      expect(read.missing).toBeUndefined();
    });

    it('when a write carries the current eTag, it succeeds', async () => {
      const { b } = await storage.write({ b: { v: 1 } }).then(() => storage.read(['b']));
      await storage.write({ b: { ...b, v: 2 } });
      expect((await storage.read(['b'])).b).toMatchObject({ v: 2 });
    });

    it('when a write carries an old eTag, it fails and keeps the newer item', async () => {
      await storage.write({ c: { v: 1 } });
      const { c: first } = await storage.read(['c']);
      await storage.write({ c: { ...first, v: 2 } });
      await expect(storage.write({ c: { ...first, v: 3 } })).rejects.toThrow();
      expect((await storage.read(['c'])).c).toMatchObject({ v: 2 });
    });

    it('when a write carries "*" or no eTag, the last write wins', async () => {
      await storage.write({ d: { v: 1 } });
      await storage.write({ d: { v: 2, eTag: '*' } });
      await storage.write({ d: { v: 3 } });
      expect((await storage.read(['d'])).d).toMatchObject({ v: 3 });
    });

    it('when items are deleted, they no longer read', async () => {
      await storage.write({ e: { v: 1 }, f: { v: 2 } });
      await storage.delete(['e', 'f', 'never-written']);
      expect(await storage.read(['e', 'f'])).toEqual({});
    });
  });
}

storageContract('MemoryStorage (reference)', async () => ({ storage: new MemoryStorage(), close: async () => undefined }));

storageContract('SqlStorage on PGlite', async () => {
  const db = await openDatabase({});
  return { storage: new SqlStorage(db), close: () => db.close() };
});

// The PostgreSQL part needs a server; CI starts one (.ci/run). Elsewhere it is skipped, and says so.
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const postgresAvailable = await canConnect(postgresUrl);
if (!postgresAvailable) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${postgresUrl} does not answer`);
  console.warn(`[storage contract] PostgreSQL at ${postgresUrl} does not answer: skipping the PostgreSQL part only.`);
}

storageContract(
  'SqlStorage on PostgreSQL',
  async () => {
    // A schema of its own, so runs never see each other's rows.
    const schema = `relais_test_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const db: Database = await openDatabase({ databaseUrl: url.toString() });
    return {
      storage: new SqlStorage(db),
      close: async () => {
        await db.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    };
  },
  !postgresAvailable,
);
