import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionPurge } from '../../bot/privacy/retention-purge.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

describe('RETENTION_DAYS', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ RETENTION_DAYS: '30' });
    await running.app.ready;
  });
  afterAll(async () => {
    await running?.stop();
  });

  async function conversationWith(text: string): Promise<string> {
    const grant = (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' };
    await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers });
    await fetch(`${running.url}/v3/directline/conversations/${grant.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: 'u' }, text }) });
    return grant.conversationId;
  }

  async function age(conversationId: string, days: number): Promise<void> {
    const db = running.app.db;
    await db.query(`update transcript_messages set created_at = now() - make_interval(days => $2) where conversation_id = $1`, [conversationId, days]);
    await db.query(`update dl_conversations set updated_at = now() - make_interval(days => $2) where id = $1`, [conversationId, days]);
    await db.query(`update feedback set created_at = now() - make_interval(days => $2) where question like '%' || (select activity->>'text' from dl_activities where conversation_id = $1 and activity->'from'->>'role' = 'user' order by seq limit 1) || '%'`, [conversationId, days]);
    await db.query(`update cases set created_at = now() - make_interval(days => $2), closed_at = case when status = 'closed' then now() - make_interval(days => $2) end where conversation_id = $1`, [conversationId, days]);
  }

  it('deletes what was written more than RETENTION_DAYS ago, keeps what is recent or still followed by a référent, and the page says so', async () => {
    const old = await conversationWith('CANARY-OLD ma question sur les apl');
    const recent = await conversationWith('CANARY-RECENT ma question sur les apl');
    const followed = await conversationWith('CANARY-FOLLOWED une question sur mes papiers');
    // A référent still follows this one.
    await running.app.db.query("insert into cases(user_ref, conversation_id, channel_id, reason, priority) values ('followed', $1, 'directline', 'request', 2)", [followed]);
    await running.app.db.query("insert into feedback(user_ref, kind, question, created_at) values ('someone', 'unanswered', 'CANARY-FEEDBACK', now() - interval '40 days')");
    await age(old, 40);
    await age(followed, 40);
    const purged = await new RetentionPurge(running.app.db, 30).run();
    expect(purged.conversations).toBe(1);

    const text = async (sql: string) => JSON.stringify((await running.app.db.query(sql)).rows);
    const everything = (await text('select activity from dl_activities')) + (await text('select text from transcript_messages')) + (await text('select question from feedback'));
    expect(everything).not.toContain('CANARY-OLD');
    expect(everything).not.toContain('CANARY-FEEDBACK');
    expect(everything).toContain('CANARY-RECENT');
    // An open case keeps its conversation for the référent, however old.
    expect(everything).toContain('CANARY-FOLLOWED');
    expect((await running.app.db.query('select 1 from dl_conversations where id = $1', [old])).rows).toHaveLength(0);
    expect((await running.app.db.query('select 1 from dl_conversations where id = $1', [recent])).rows).toHaveLength(1);

    const page = await (await fetch(`${running.url}/`)).text();
    expect(page).toContain('au plus 30 jours après ton dernier message');
  });
});
