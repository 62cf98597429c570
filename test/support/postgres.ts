import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The machine's PostgreSQL (scripts/test-prerequisites.sh starts it); CI requires it, elsewhere tests skip and say so. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(what: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${POSTGRES_URL} does not answer`);
    console.warn(`[${what}] PostgreSQL at ${POSTGRES_URL} does not answer: skipping the PostgreSQL part only.`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema of its own, so runs never see each other's rows: a connection string that uses it, and its removal. */
export async function testSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `relais_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}
