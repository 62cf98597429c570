import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferentAccounts } from '../../bot/console/referent-accounts.js';
import type { Actor } from '../../bot/handoff/actor.js';
import { HandoffError } from '../../bot/handoff/handoff-desk.js';
import { createConversationHarness, say, type ConversationHarness } from '../support/conversation-harness.js';

/** A référent as the console signs them in: the account row, read back. */
async function referent(h: ConversationHarness, email: string, name: string, departements: string[], role: Actor['role'] = 'referent'): Promise<Actor> {
  const accounts = new ReferentAccounts(h.db, { maxFailures: 5, minutes: 15 });
  const { id } = await accounts.add({ email, name, title: role === 'referent' ? 'référente' : undefined, role, departements, password: 'a long test password' });
  return (await accounts.actor(id))!.actor;
}

describe('what the bot promises when a young person asks for a human', () => {
  it('promises nothing when no référent covers the département, and says where to turn instead', async () => {
    const h = await createConversationHarness({ staffed: false });
    const adapter = h.adapter({ conversationId: 'nobody-1', userId: 'u-nobody' });
    await say(adapter, 'je suis à Montreuil');
    const reply = (await say(adapter, "passe-moi quelqu'un")).join('\n');
    expect(reply).toMatch(/personne de l'équipe Relais ne répond ici pour ton département/);
    expect(reply).not.toMatch(/te répondra/);
    expect(reply).toMatch(/service ASE/);
    await h.close();
  });

  it('during opening hours, states the target delay and what to do meanwhile', async () => {
    const h = await createConversationHarness({ openingHours: 'mon-fri 09:00-18:00', today: new Date('2026-11-30T10:00:00Z') });
    const adapter = h.adapter({ conversationId: 'duty-1', userId: 'u-duty' });
    expect((await say(adapter, 'je veux parler à mon éduc')).join('\n')).toMatch(/Pour que la bonne personne te réponde/);
    const reply = (await say(adapter, '93100')).join('\n');
    expect(reply).toMatch(/Seine-Saint-Denis \(93\)/);
    expect(reply).toMatch(/te répondra ici, en général en moins de 2 heures/);
    expect(reply).toMatch(/3114/);
    expect(reply).toMatch(/0 800 235 236/);
    await h.close();
  });

  it('outside opening hours, says when someone will read it (Saturday night → Monday 9 h, Paris time)', async () => {
    const h = await createConversationHarness({ openingHours: 'mon-fri 09:00-18:00', today: new Date('2026-11-28T22:30:00Z') });
    const adapter = h.adapter({ conversationId: 'night-1', userId: 'u-night' });
    await say(adapter, 'personne m aide');
    const reply = (await say(adapter, 'passer')).join('\n');
    expect(reply).toMatch(/Personne n'est là en ce moment : une personne la lira dès lundi à 9 h/);
    const crisis = (await say(adapter, 'jveux plus vivre')).join('\n');
    expect(crisis).toMatch(/3114/);
    expect(crisis).toMatch(/lira ton message dès lundi à 9 h/);
    await h.close();
  });
});

describe('a référent takes over the same conversation', () => {
  let h: ConversationHarness;
  let sarah: Actor;
  let paul: Actor;

  beforeAll(async () => {
    h = await createConversationHarness();
    sarah = await referent(h, 'sarah@relais.test', 'Sarah', ['93']);
    paul = await referent(h, 'paul@relais.test', 'Paul', ['75']);
  });
  afterAll(async () => h.close());

  async function openCase(conversationId: string): Promise<{ adapter: ReturnType<ConversationHarness['adapter']>; caseId: string }> {
    const adapter = h.adapter({ conversationId, userId: `u-${conversationId}` });
    await say(adapter, 'dans le 93');
    await say(adapter, "je veux parler à quelqu'un");
    const record = await h.handoff.cases.unfinished(conversationId);
    return { adapter, caseId: record!.id };
  }

  it('the young person is told who joined; the bot is silent; a crisis still gets the numbers and flags the case; hand back lets the bot answer again', async () => {
    const { adapter, caseId } = await openCase('take-1');
    const [queued] = await h.handoff.desk.list(sarah, { status: 'open' });
    expect(queued).toMatchObject({ id: caseId, reason: 'human_request', departement: '93', departementName: 'Seine-Saint-Denis', status: 'open' });

    await h.handoff.desk.take(sarah, caseId);
    expect(h.delivered.at(-1)).toMatchObject({ conversationId: 'take-1', message: { kind: 'text', text: expect.stringMatching(/\*\*Sarah\*\*, référente \(Seine-Saint-Denis\), a rejoint la conversation/) } });

    expect(await say(adapter, 'bonjour, c quoi le service civique')).toEqual([]);
    await h.handoff.desk.reply(sarah, caseId, 'Bonjour, je suis là. Tu veux en parler ?');
    expect(h.delivered.at(-1)).toMatchObject({ message: { kind: 'text', text: 'Bonjour, je suis là. Tu veux en parler ?', senderName: 'Sarah' } });

    const crisis = (await say(adapter, 'envie d en finir')).join('\n');
    expect(crisis).toMatch(/3114/);
    expect(crisis).toMatch(/Sarah voit aussi ce message/);
    expect(await h.handoff.cases.get(caseId)).toMatchObject({ status: 'assigned', priority: 1, reason: 'crisis', flagged: true });

    await h.handoff.desk.handBack(sarah, caseId);
    expect(h.delivered.at(-1)!.message).toMatchObject({ kind: 'text', text: expect.stringMatching(/Sarah a quitté la conversation/) });
    expect((await say(adapter, 'c quoi le service civique')).join('\n')).toMatch(/Source :/);

    const closed = await h.handoff.desk.close(sarah, caseId, 'Orientée vers la mission locale');
    expect(closed.status).toBe('closed');
  });

  it('a référent of another département gets 403 on the case and does not see it in the queue', async () => {
    const { caseId } = await openCase('other-dep-1');
    await expect(h.handoff.desk.view(paul, caseId)).rejects.toMatchObject({ status: 403 });
    await expect(h.handoff.desk.take(paul, caseId)).rejects.toBeInstanceOf(HandoffError);
    expect((await h.handoff.desk.list(paul, {})).map((c) => c.id)).not.toContain(caseId);
    await expect(h.handoff.desk.list(paul, { departement: '93' })).rejects.toMatchObject({ status: 403 });
  });

  it('two référents taking the same case at once: one gets it, the other a conflict', async () => {
    const { caseId } = await openCase('race-1');
    const nadia = await referent(h, 'nadia@relais.test', 'Nadia', ['93']);
    const results = await Promise.allSettled([h.handoff.desk.take(sarah, caseId), h.handoff.desk.take(nadia, caseId)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual([409]);
  });

  it('every view, take, message, note, hand-back and close is in the audit log, and the log refuses changes', async () => {
    const { caseId } = await openCase('audit-1');
    await h.handoff.desk.view(sarah, caseId);
    await h.handoff.desk.take(sarah, caseId);
    await h.handoff.desk.reply(sarah, caseId, 'Salut');
    await h.handoff.desk.addNote(sarah, caseId, 'Rappeler jeudi');
    await h.handoff.desk.handBack(sarah, caseId);
    await h.handoff.desk.close(sarah, caseId, 'Résolu');
    const rows = (await h.handoff.audit.recent(50)).filter((r) => r.caseId === caseId);
    expect(rows.map((r) => r.action).reverse()).toEqual(['view', 'take', 'message', 'note', 'hand_back', 'close']);
    expect(rows.every((r) => r.actor?.name === 'Sarah')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/Salut|Rappeler/);
    await expect(h.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(h.db.query("update audit_log set action = 'view'")).rejects.toThrow(/append-only/);
  });

  it('each message of the young person counts as unread on the case and reaches the console live; a conversation without a case only keeps its transcript', async () => {
    const { adapter, caseId } = await openCase('unread-1');
    const before = (await h.handoff.cases.get(caseId))!.unread;
    const events: string[] = [];
    const stop = h.handoff.events.subscribe((event) => event.type === 'case' && event.caseId === caseId && events.push(event.kind));
    try {
      await say(adapter, 'vous etes la ?');
      await say(adapter, 'jattends');
    } finally {
      stop();
    }
    expect((await h.handoff.cases.get(caseId))!.unread).toBe(before + 2);
    expect(events.filter((kind) => kind === 'message')).toHaveLength(2);

    const plain = h.adapter({ conversationId: 'unread-none', userId: 'u-unread-none' });
    await say(plain, 'c koi le CEJ');
    expect(await h.handoff.cases.unfinished('unread-none')).toBeUndefined();
    expect((await h.handoff.transcripts.messages('unread-none')).map((m) => m.from)).toEqual(['user', 'bot']);
  });

  it('the case view shows the whole conversation, what the young person shared, and the notes', async () => {
    const { adapter, caseId } = await openCase('view-1');
    await say(adapter, 'j ai 19 ans');
    const detail = await h.handoff.desk.view(sarah, caseId);
    expect(detail.messages.map((m) => m.from)).toContain('user');
    expect(detail.messages.map((m) => m.from)).toContain('bot');
    expect(detail.messages.some((m) => m.from === 'user' && /parler à quelqu'un/.test(m.text))).toBe(true);
    expect(detail.shared.departement).toBe('93');
  });
});
