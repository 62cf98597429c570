import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../bot/storage/open-database.js';
import { SqlStorage } from '../../bot/storage/sql-storage.js';
import type { Database } from '../../bot/storage/database.js';
import { ETagConflictError } from '../../bot/storage/sql-storage.js';
import { withTurnETags } from '../../bot/storage/turn-etags.js';
import { postgresAvailable, testSchema } from '../support/postgres.js';

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
const postgres = await postgresAvailable('storage contract');

storageContract(
  'SqlStorage on PostgreSQL',
  async () => {
    const schema = await testSchema();
    const db: Database = await openDatabase({ databaseUrl: schema.url });
    return {
      storage: new SqlStorage(db),
      close: async () => {
        await db.close();
        await schema.drop();
      },
    };
  },
  !postgres,
);

describe('SqlStorage inside a turn (what BotState writes with eTag "*")', () => {
  let db: Database;
  let storage: SqlStorage;
  beforeAll(async () => {
    db = await openDatabase({});
    storage = new SqlStorage(db);
  });
  afterAll(async () => db?.close());

  it('when another writer changed the item after the turn read it, the turn\'s "*" write fails instead of overwriting', async () => {
    await storage.write({ k: { seen: ['a'] } });
    await expect(
      withTurnETags(async () => {
        const read = await storage.read(['k']);
        // Another instance's turn, in a scope of its own.
        await withTurnETags(() => storage.write({ k: { seen: ['a', 'b'] } }));
        await storage.write({ k: { ...read.k, seen: ['a', 'mine'], eTag: '*' } });
      }),
    ).rejects.toBeInstanceOf(ETagConflictError);
  });

  it('when the turn read nothing and another writer created the item, the turn\'s write fails', async () => {
    await expect(
      withTurnETags(async () => {
        await storage.read(['new']);
        await withTurnETags(() => storage.write({ new: { by: 'other' } }));
        await storage.write({ new: { by: 'me', eTag: '*' } });
      }),
    ).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['new'])).new).toMatchObject({ by: 'other' });
  });

  it('when nobody else wrote, a turn saves twice in a row (its own writes move its eTag)', async () => {
    await withTurnETags(async () => {
      await storage.read(['mine']);
      await storage.write({ mine: { n: 1, eTag: '*' } });
      await storage.write({ mine: { n: 2, eTag: '*' } });
    });
    expect((await storage.read(['mine'])).mine).toMatchObject({ n: 2 });
  });
});
