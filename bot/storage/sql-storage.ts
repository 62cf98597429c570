import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from './database.js';
import { expectedETag, rememberRead } from './turn-etags.js';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`SqlStorage.write(): eTag conflict for key "${key}"; the item changed since it was read`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder Storage on PostgreSQL (or PGlite), with MemoryStorage semantics:
 * a write with no eTag or "*" always wins; a write with another eTag fails unless it matches the stored one.
 */
export class SqlStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const { rows } = await this.db.query<{ key: string; document: Record<string, unknown>; etag: string }>(
      'select key, document, etag from bot_state where key = any($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.document, eTag: row.etag };
    for (const key of keys) rememberRead(key, (items[key]?.eTag as string | undefined) ?? null);
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...document } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const newTag = randomUUID();
      // "*" or none means last write wins, except inside a turn that read the key (turn-etags.ts): then the
      // eTag it read, or, when it read nothing, only if nobody created the item since.
      const inTurn = !eTag || eTag === '*' ? expectedETag(key) : undefined;
      const expected = eTag && eTag !== '*' ? eTag : (inTurn ?? null);
      const { rows } = await this.db.query(
        `insert into bot_state(key, document, etag) values ($1, $2::jsonb, $3)
         on conflict (key) do update set document = excluded.document, etag = excluded.etag, updated_at = now()
         where ($4::text is null and not $5::boolean) or bot_state.etag = $4::text
         returning key`,
        [key, JSON.stringify(document), newTag, expected, inTurn === null],
      );
      if (rows.length === 0) throw new ETagConflictError(key);
      if (inTurn !== undefined) rememberRead(key, newTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('delete from bot_state where key = any($1::text[])', [keys]);
    for (const key of keys) rememberRead(key, null);
  }

  /** Deletes every key that starts with one of the prefixes; returns how many were deleted. */
  async deleteByPrefix(prefixes: string[]): Promise<number> {
    let count = 0;
    for (const prefix of prefixes) {
      const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      const { rows } = await this.db.query('delete from bot_state where key like $1 returning key', [`${escaped}%`]);
      count += rows.length;
    }
    return count;
  }
}
