import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from './database.js';
import { expectedETag, rememberRead } from './turn-etags.js';

interface StateRow {
  key: string;
  document: Record<string, unknown>;
  etag: string;
}

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
  /** Reads asked for in the same turn of the event loop, answered by one query (see read()). */
  private batch?: { keys: Set<string>; rows: Promise<Map<string, StateRow>> };

  constructor(private readonly db: Database) {}

  /**
   * Reads the items. Reads asked for together (a turn loading its conversation and user state at once) share
   * one query: on PGlite each statement costs about a millisecond of CPU. Each caller gets its own keys only.
   */
  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.readTogether(keys);
    const items: StoreItems = {};
    for (const key of keys) {
      const row = rows.get(key);
      if (row) items[key] = { ...row.document, eTag: row.etag };
      // Back in the caller's turn (AsyncLocalStorage), whichever read ran the query.
      rememberRead(key, row?.etag ?? null);
    }
    return items;
  }

  private readTogether(keys: string[]): Promise<Map<string, StateRow>> {
    if (!this.batch) {
      const batchKeys = new Set<string>();
      const rows = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.batch = undefined;
        const { rows } = await this.db.query<StateRow>('select key, document, etag from bot_state where key = any($1::text[])', [[...batchKeys]]);
        return new Map(rows.map((row) => [row.key, row]));
      });
      this.batch = { keys: batchKeys, rows };
    }
    for (const key of keys) this.batch.keys.add(key);
    return this.batch.rows;
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
