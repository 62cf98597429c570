import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../bot/storage/migrations.js';
import { PgliteDatabase } from '../../bot/storage/pglite-database.js';
import { PGLITE_OPTIONS, readPgliteTemplate, writePgliteTemplate } from '../../bot/storage/pglite-template.js';

const root = mkdtempSync(path.join(tmpdir(), 'relais-pglite-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function systemIdentifier(query: (sql: string) => Promise<{ rows: unknown[] }>): Promise<string> {
  const { rows } = await query('select system_identifier::text as id from pg_control_system()');
  return (rows[0] as { id: string }).id;
}

describe('the embedded database template', () => {
  it('is made by writePgliteTemplate, and PGlite starts from it with wal_recycle already off', async () => {
    const file = path.join(root, 'template.tar.gz');
    await writePgliteTemplate(file);
    const db = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: new Blob([readFileSync(file)]) });
    try {
      expect((await db.query<{ wal_recycle: string }>('show wal_recycle')).rows[0]?.wal_recycle).toBe('off');
    } finally {
      await db.close();
    }
  });

  it("gives every new data folder its start (npm install makes the installation's template), and the folder then lives its own life", async () => {
    const template = readPgliteTemplate();
    expect(template, 'no template for this installation: npm install makes it, or npm run db:template').toBeDefined();
    const reference = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: template });
    const templateId = await systemIdentifier((sql) => reference.query(sql));
    await reference.close();
    const folder = path.join(root, 'data', 'pg');
    const db = await PgliteDatabase.open(folder);
    // initdb gives each database a new random identifier: the same one means the folder is a copy of the template.
    expect(await systemIdentifier((sql) => db.query(sql))).toBe(templateId);
    expect((await db.query<{ wal_recycle: string }>('show wal_recycle')).rows[0]?.wal_recycle).toBe('off');
    await migrate(db);
    await db.query("insert into dl_conversations(id, user_id) values ('kept', 'u')");
    await db.close();
    const again = await PgliteDatabase.open(folder);
    try {
      expect((await again.query('select id from dl_conversations')).rows).toEqual([{ id: 'kept' }]);
    } finally {
      await again.close();
    }
  });
});
