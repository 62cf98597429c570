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
  {
    version: 3,
    name: 'référent console: accounts, sessions, audit, transcripts, case lifecycle',
    sql: `
      -- An earlier race could leave two unfinished cases for one conversation: keep the most urgent, close the others.
      update cases set status = 'closed' where status <> 'closed' and id not in (
        select distinct on (conversation_id) id from cases where status <> 'closed' order by conversation_id, priority, created_at
      );
      alter table cases
        add column waiting_since timestamptz not null default now(),
        add column assigned_to bigint,
        add column assigned_at timestamptz,
        add column closed_at timestamptz,
        add column outcome text,
        add column flagged boolean not null default false,
        add column unread integer not null default 0,
        add column last_message_at timestamptz,
        add column shared jsonb not null default '{}'::jsonb;
      update cases set waiting_since = created_at;
      create unique index cases_one_unfinished_per_conversation on cases(conversation_id) where status <> 'closed';
      create table case_notes (
        id bigserial primary key,
        case_id bigint not null references cases(id) on delete cascade,
        author_id bigint not null,
        text text not null,
        created_at timestamptz not null default now()
      );
      create index case_notes_case on case_notes(case_id);
      create table referents (
        id bigserial primary key,
        email text not null unique,
        name text not null,
        title text not null,
        role text not null check (role in ('referent', 'coordinator')),
        departements text[] not null default '{}',
        password_hash text not null,
        must_change_password boolean not null default true,
        failed_logins integer not null default 0,
        locked_until timestamptz,
        disabled boolean not null default false,
        created_at timestamptz not null default now()
      );
      create table console_sessions (
        token_hash text primary key,
        referent_id bigint not null references referents(id) on delete cascade,
        csrf_token text not null,
        created_at timestamptz not null default now(),
        last_seen_at timestamptz not null default now()
      );
      create index console_sessions_referent on console_sessions(referent_id);
      -- Append-only: the application only ever inserts and reads; a trigger refuses the rest.
      create table audit_log (
        id bigserial primary key,
        at timestamptz not null default now(),
        actor_id bigint,
        action text not null,
        case_id bigint,
        detail text
      );
      create index audit_log_at on audit_log(at desc);
      create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end;
      $$;
      create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();
      -- Every channel's messages, for the référent's view of a conversation; erased with the young person's data.
      create table transcript_messages (
        id bigserial primary key,
        conversation_id text not null,
        channel_id text not null,
        user_ref text not null,
        sender text not null check (sender in ('user', 'bot', 'referent')),
        sender_name text,
        text text not null,
        -- For a référent's message: when the young person's chat showed it (null: it waits for them).
        seen_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index transcript_messages_conversation on transcript_messages(conversation_id, id);
      create index transcript_messages_user on transcript_messages(user_ref);
      -- Where to send a référent's message on channels other than the built-in one (Bot Framework ConversationReference).
      create table conversation_refs (
        conversation_id text primary key,
        channel_id text not null,
        user_ref text not null,
        reference jsonb not null,
        updated_at timestamptz not null default now()
      );
      create index conversation_refs_user on conversation_refs(user_ref);
    `,
  },
  {
    version: 4,
    name: 'idempotent client activities',
    sql: `
      -- The client's own id of a posted activity (its "id" or channelData.clientActivityID): posted again, it is
      -- the same message, stored once and answered once.
      alter table dl_activities add column client_key text;
      create unique index dl_activities_client_key on dl_activities(conversation_id, client_key) where client_key is not null;
    `,
  },
  {
    version: 5,
    name: 'turns not yet answered',
    sql: `
      -- A young person's message whose turn has not finished: after a crash, it is answered at the next start.
      alter table dl_activities add column turn_pending boolean not null default false;
      create index dl_activities_turn_pending on dl_activities(conversation_id, seq) where turn_pending;
    `,
  },
  {
    version: 6,
    name: 'editors of the knowledge base sign in with the console accounts',
    sql: `
      alter table referents drop constraint referents_role_check;
      alter table referents add constraint referents_role_check check (role in ('referent', 'coordinator', 'editor'));
    `,
  },
  {
    version: 7,
    name: 'versions of the entries editors publish',
    sql: `
      -- Each publication from the editors' workspace: the file's text before and after, by whom, when.
      create table entry_versions (
        id bigserial primary key,
        entry_id text not null,
        file text not null,
        text text not null,
        previous_text text,
        actor_id bigint,
        published_at timestamptz not null default now()
      );
      create index entry_versions_entry on entry_versions(entry_id, id desc);
    `,
  },
  {
    version: 8,
    name: 'messaging channels: where to reach a young person, and the updates already received',
    sql: `
      -- Their chat (Telegram) or phone number (WhatsApp), under the conversation's pseudonymous id: erased with their data.
      create table messaging_contacts (
        conversation_id text primary key,
        channel text not null,
        address text not null,
        user_ref text not null,
        last_inbound_at timestamptz not null
      );
      create index messaging_contacts_user on messaging_contacts(user_ref);
      -- Each platform's updates: claimed when received, done once answered; a webhook delivered twice is answered
      -- once, and one whose turn a crash cut is taken again when the platform retries it. Kept a week.
      create table messaging_updates (
        channel text not null,
        update_id text not null,
        received_at timestamptz not null default now(),
        claimed_at timestamptz not null default now(),
        done boolean not null default false,
        primary key (channel, update_id)
      );
    `,
  },
];

/** Brings the schema up to date; safe to run on every start and from several instances. */
export async function migrate(db: Database): Promise<void> {
  // "create table if not exists" is not safe when two instances run it at once: it too waits for the lock.
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(4242001)');
    await tx.query('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
  });
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
