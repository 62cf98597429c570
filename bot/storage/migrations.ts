import type { Database } from './database.js';

/**
 * Schema changes, in order. The same SQL runs on PGlite and PostgreSQL.
 * Never edit a released migration: add a new one.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'bot state and built-in Direct Line channel',
    sql: `
      create table bot_state (
        key text primary key,
        document jsonb not null,
        etag text not null,
        updated_at timestamptz not null default now()
      );
      create table dl_conversations (
        id text primary key,
        user_id text not null,
        next_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table dl_activities (
        conversation_id text not null references dl_conversations(id) on delete cascade,
        seq integer not null,
        activity jsonb not null,
        created_at timestamptz not null default now(),
        primary key (conversation_id, seq)
      );
      create index dl_conversations_user on dl_conversations(user_id);
    `,
  },
  {
    version: 2,
    name: 'requests for a human and feedback for editors',
    sql: `
      create table cases (
        id bigserial primary key,
        user_ref text not null,
        conversation_id text not null,
        channel_id text not null,
        reason text not null,
        category text,
        priority smallint not null,
        departement text,
        status text not null default 'open',
        created_at timestamptz not null default now()
      );
      create index cases_queue on cases(status, priority, created_at);
      create index cases_user on cases(user_ref);
      create index cases_conversation on cases(conversation_id);
      create table feedback (
        id bigserial primary key,
        user_ref text not null,
        kind text not null,
        question text not null,
        entry_id text,
        reason text,
        departement text,
        confidence real,
        created_at timestamptz not null default now()
      );
      create index feedback_user on feedback(user_ref);
      create index feedback_kind on feedback(kind, created_at);
    `,
  },
];

/** Brings the schema up to date; safe to run on every start and from several instances. */
export async function migrate(db: Database): Promise<void> {
  await db.query('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      // The advisory lock serialises instances that start together on a shared PostgreSQL.
      await tx.query('select pg_advisory_xact_lock(4242001)');
      const done = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (done.rows.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations(version, name) values ($1, $2)', [migration.version, migration.name]);
    });
  }
}
