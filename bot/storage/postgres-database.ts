import pg from 'pg';
import type { Database, Queryable } from './database.js';

/** A real PostgreSQL server through a connection pool. */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    try {
      await pool.query('select 1');
    } catch (error) {
      await pool.end();
      throw new Error(`PostgresDatabase.open(): cannot connect with DATABASE_URL; check that the server runs and the URL is right`, { cause: error });
    }
    return new PostgresDatabase(pool);
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<{ rows: Row[] }> {
    const result = await this.pool.query(sql, params);
    return { rows: result.rows as Row[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn({
        query: async <Row>(sql: string, params: unknown[] = []) => ({ rows: (await client.query(sql, params)).rows as Row[] }),
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
