import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationHarness, say, transcript, type ConversationHarness } from '../support/conversation-harness.js';
import { expectReply } from './expect-reply.js';

describe('safety on every turn', () => {
  let h: ConversationHarness;
  beforeAll(async () => {
    h = await createConversationHarness();
  });
  afterAll(async () => h.close());

  it('answers "jveux plus vivre" as a first message with 3114 at once, and records a top-priority case', async () => {
    const adapter = h.adapter({ conversationId: 'crisis-1', userId: 'u-crisis' });
    const [reply] = await transcript(adapter, [['jveux plus vivre', /3114/, /15.+112/, /prévenu l'équipe, en priorité/]], expectReply);
    expect(reply!.indexOf('3114')).toBeLessThan(reply!.indexOf('prévenu'));
    const cases = (await h.handoff.cases.list({ statuses: ['open'] })).filter((c) => c.conversationId === 'crisis-1');
    expect(cases).toEqual([expect.objectContaining({ reason: 'crisis', category: 'suicide', priority: 1 })]);
  });

  it('interrupts a profile question with 3114, keeps the question, and continues it afterwards', async () => {
    const adapter = h.adapter({ conversationId: 'crisis-2', userId: 'u-crisis-2' });
    await transcript(
      adapter,
      [
        ['mon profil', /quel âge/],
        ['jveux plu vivre', /3114/, /on reprend là où on en était/],
        ['19 ans', /ta situation/],
      ],
      expectReply,
    );
  });

  it.each<[string, RegExp[]]>([
    ['mon copain me frappe', [/17/, /3919/]],
    ['jdors dehors ce soir', [/115/]],
    ["j'ai avalé toute la boite de doliprane", [/15/]],
    ['mon beau-père frappe ma petite soeur', [/119/]],
    ['je me scarifie', [/3114|15/]],
  ])('answers "%s" with the right numbers first', async (text, patterns) => {
    const adapter = h.adapter({ conversationId: `crisis-${text}`, userId: `u-${text}` });
    await transcript(adapter, [[text, ...patterns]], expectReply);
  });

  it('starts a crisis reply with big tap-to-call buttons (tel:, sms:114) that stay in the conversation', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'crisis-calls', userId: 'u-calls' });
    const before = adapter.activeQueue.length;
    await adapter.send('il m a frappée et il est encore là').startTest();
    const replies = adapter.activeQueue.splice(before);
    const card = replies[0]?.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.hero');
    const actions = (card?.content as { buttons?: Array<{ type: string; value: string }> }).buttons ?? [];
    expect(actions.map((a) => [a.type, a.value])).toEqual(expect.arrayContaining([['call', 'tel:17'], ['call', 'sms:114']]));
    // The numbers are in the text too, for channels and readers without buttons.
    expect(replies.map((r) => r.text).join('\n')).toMatch(/17.*114/s);
  });

  it('replies in English to a crisis written in English', async () => {
    const adapter = h.adapter({ conversationId: 'crisis-en', userId: 'u-en' });
    await transcript(adapter, [['i want to kill myself', /3114/, /You're not alone/, /top priority/]], expectReply);
  });

  it('stays silent while a référent is in charge, but never on a crisis', async () => {
    const adapter = h.adapter({ conversationId: 'handled-1', userId: 'u-handled' });
    await say(adapter, 'dans le 93');
    await say(adapter, "je veux parler à quelqu'un");
    await h.db.query("update cases set status = 'assigned' where conversation_id = 'handled-1'");
    expect(await say(adapter, 'c quoi le service civique')).toEqual([]);
    expect((await say(adapter, 'envie d en finir')).join()).toMatch(/3114/);
  });

  it('does not raise an alarm on figures of speech', async () => {
    const adapter = h.adapter({ conversationId: 'benign-1', userId: 'u-benign' });
    // An answer may list 3114 among its contacts (la maison des ados): the alarm is the crisis reply and its case.
    for (const text of ['je meurs de faim', 'la maison des ados', 'ce taf me tue mdr']) expect((await say(adapter, text)).join()).not.toMatch(/prévenu l'équipe, en priorité/);
    expect((await h.handoff.cases.list({ statuses: ['open'] })).filter((c) => c.conversationId === 'benign-1')).toEqual([]);
  });
});
