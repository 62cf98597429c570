import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../bot/storage/pglite-database.js';

/** PgliteDatabase runs every statement as a named prepared statement (pglite-prepared-statements.ts). */
describe('PGlite statements, prepared once', () => {
  let db: PgliteDatabase;
  let reference: PGlite;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
    reference = await PGlite.create();
    for (const target of [db, reference]) await target.exec('create table items (id serial primary key, name text unique, doc jsonb, tags text[], flag boolean, at timestamptz, n bigint)');
  });
  afterAll(async () => {
    await db.close();
    await reference.close();
  });

  it("reads and writes every kind of value as PGlite's own query() does", async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const insert = 'insert into items(name, doc, tags, flag, at, n) values ($1, $2::jsonb, $3, $4, $5, $6) returning *';
    const rows = [
      ['é "quoted" \\ 😀', JSON.stringify({ a: [1, { b: null }], c: 'd' }), ['x', 'y,z', ''], true, at, 2n ** 40n],
      ['nulls', null, null, null, null, null],
    ];
    for (const params of rows) {
      const ours = (await db.query(insert, params)).rows;
      const theirs = (await reference.query(insert, params)).rows;
      expect(ours).toEqual(theirs);
    }
    const select = 'select name, doc, tags, flag, at, n from items where name = any($1::text[]) order by id';
    expect((await db.query(select, [['nulls', rows[0]![0]]])).rows).toEqual((await reference.query(select, [['nulls', rows[0]![0]]])).rows);
    expect((await db.query('select count(*)::int as n from items where false')).rows).toEqual([{ n: 0 }]);
  });

  it('reports a failed statement with its code and query but not its values, and goes on working', async () => {
    const insert = 'insert into items(name) values ($1)';
    await db.query(insert, ['unique-name']);
    const error = (await db.query(insert, ['unique-name']).then(
      () => ({}),
      (e: unknown) => e,
    )) as { code?: string; query?: string; params?: unknown };
    expect(error).toMatchObject({ code: '23505', query: insert });
    expect(error.params).toBeUndefined();
    await expect(db.query('select nonsense from nowhere where x = $1', [1])).rejects.toMatchObject({ code: '42P01' });
    await db.query(insert, ['another-name']);
    expect((await db.query<{ n: number }>('select count(*)::int as n from items where name like $1', ['%-name'])).rows[0]?.n).toBe(2);
  });

  it("never runs inside another caller's transaction: a statement sent while one is open waits for its end", async () => {
    let insideTransaction!: () => void;
    const inserted = new Promise<void>((resolve) => (insideTransaction = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const transaction = db
      .transaction(async (tx) => {
        await tx.query("insert into items(name) values ('rolled back')");
        insideTransaction();
        await released;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await inserted;
    const count = db.query<{ n: number }>('select count(*)::int as n from items where name = $1', ['rolled back']);
    // Time for the statement to run, had it not waited.
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await transaction).toBe('rolled back');
    // Had it run inside the transaction, it would have counted the row that was then rolled back.
    expect((await count).rows[0]?.n).toBe(0);
  });

  it('sees a table changed by a migration, and keeps working beyond the number of statements it keeps', async () => {
    const select = 'select * from items where name = $1';
    await db.query("insert into items(name) values ('changing')");
    expect(Object.keys((await db.query(select, ['changing'])).rows[0]!)).not.toContain('added');
    await db.exec("alter table items add column added text default 'yes'");
    expect((await db.query<{ added: string }>(select, ['changing'])).rows[0]?.added).toBe('yes');
    // Also when the change comes from a transaction (its statements are not the database's own exec()).
    await db.transaction((tx) => tx.exec("alter table items add column later text default 'also'"));
    expect((await db.query<{ later: string }>(select, ['changing'])).rows[0]?.later).toBe('also');
    for (let i = 0; i < 250; i++) expect((await db.query<{ v: number }>(`select $1::int + ${i} as v`, [1])).rows[0]?.v).toBe(1 + i);
    expect((await db.query<{ added: string }>(select, ['changing'])).rows[0]?.added).toBe('yes');
  });
});
