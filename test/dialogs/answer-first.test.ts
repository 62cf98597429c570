import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationHarness, say, transcript, type ConversationHarness } from '../support/conversation-harness.js';
import { expectReply } from './expect-reply.js';

const SOURCE = /Source : .+, vérifié le \d{2}\/\d{2}\/\d{4}/;

describe('answer first', () => {
  let h: ConversationHarness;
  beforeAll(async () => {
    h = await createConversationHarness();
  });
  afterAll(async () => h.close());

  it('welcomes a new conversation: a bot, not a human, the emergency numbers and theme buttons', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'welcome-1' });
    await adapter.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'user' }] }).startTest();
    const texts = adapter.activeQueue.map((a) => `${a.text ?? ''} ${a.suggestedActions?.actions.map((x) => `[${x.title}]`).join(' ') ?? ''}`).join('\n');
    expect(texts).toMatch(/pas un humain/);
    for (const number of ['15', '112', '115', '3114']) expect(texts).toContain(`${number}`);
    for (const theme of ['[Mes droits]', '[Logement]', '[Santé]', '[Emploi et formation]', '[Argent]', '[Papiers]', "[Parler à quelqu'un]"]) expect(texts).toContain(theme);
    expect(texts).toMatch(/efface mes données/);
  });

  it('answers a question sent as the very first message, with its source and review date, without asking anything first', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'first-1' });
    await transcript(adapter, [['c koi le service civik', /service civique/i, SOURCE, /\[👍\] \[👎\]/]], expectReply);
  });

  it('gives the details of the last answer on "plus de détails", and related questions as buttons', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'details-1' });
    const [first, details] = await transcript(adapter, [['cest quoi la css pour la mutuelle', /Complémentaire santé solidaire/i, SOURCE], ['plus de détails', SOURCE]], expectReply);
    expect(details!.length).toBeGreaterThan(first!.length);
  });

  it('on a channel without buttons, offers numbered choices and understands the number', async () => {
    const adapter = h.adapter({ channelId: 'sms', conversationId: 'sms-1' });
    const [menu] = await transcript(adapter, [['menu', /1\. Mes droits/, /2\. Logement/]], expectReply);
    expect(menu).not.toContain('[Logement]');
    await transcript(adapter, [['2', /Logement : choisis un sujet/]], expectReply);
  });

  it('says plainly when it does not know and offers a human; the second time, hands the questions to a person by itself; both questions are kept for editors', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'notfound-1', userId: 'user-nf' });
    await transcript(
      adapter,
      [
        ['quel est le meilleur club de foot de ligue 1', /pas sûr/, /\[Parler à quelqu'un\]/],
        ['combien de lunes a jupiter', /toujours pas/, /transmets tes questions à une personne/, /Pour que la bonne personne te réponde, dis-moi ta ville/],
        ['Roubaix', /Nord \(59\)/, /demande est transmise à l'équipe/],
      ],
      expectReply,
    );
    const unanswered = (await h.feedback.latest()).filter((r) => r.kind === 'unanswered');
    expect(unanswered.map((r) => r.question)).toEqual(expect.arrayContaining(['quel est le meilleur club de foot de ligue 1', 'combien de lunes a jupiter']));
    expect((await h.handoff.cases.list({ statuses: ['open'] })).some((c) => c.conversationId === 'notfound-1' && c.reason === 'not_found' && c.priority === 3 && c.departement === '59')).toBe(true);
  });

  it('a long message about several problems gets an answer, and the whole message goes to a person, who is named as coming', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'several-1', userId: 'user-several' });
    await say(adapter, 'dans le 93');
    const replies = (
      await say(
        adapter,
        "bonjour je sors du foyer dans 1 mois et j'ai pas de logement, en plus mon titre de sejour expire en mars et la prefecture me donne pas de rdv, et j'ai plus d'argent pour manger depuis que la caf a coupé mes apl, je sais plus quoi faire",
      )
    ).join('\n');
    expect(replies).toMatch(/plusieurs choses à la fois/);
    expect(replies).toMatch(/transmise à l'équipe/);
    expect((await h.handoff.cases.unfinished('several-1'))?.reason).toBe('human_request');
  });

  it('stores a thumbs-up, and a thumbs-down with its reason, personal data redacted', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'feedback-1', userId: 'user-fb' });
    await transcript(
      adapter,
      [
        ['service civique c quoi', SOURCE],
        ['👍', /Merci pour ton avis/],
        ['service civique mon num est 06 12 34 56 78', SOURCE],
        ['👎', /Qu'est-ce qui n'allait pas/],
        ["c'est pas à jour, appelle moi au 06 12 34 56 78", /c'est noté/],
      ],
      expectReply,
    );
    const rows = (await h.feedback.latest()).filter((r) => r.entry_id === 'service-civique');
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['helpful', 'not_helpful']));
    const down = rows.find((r) => r.kind === 'not_helpful')!;
    expect(down.reason).toContain('[téléphone]');
    expect(JSON.stringify(rows)).not.toContain('06 12 34 56 78');
  });

  it('follows up with "et pour ..." using the previous question', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'and-1' });
    await transcript(adapter, [['c quoi le service civique', /service civique/i], ["et pour l'apprentissage ?", /apprenti/i, SOURCE]], expectReply);
  });

  it('answers greetings and thanks briefly instead of searching', async () => {
    const adapter = h.adapter({ conversationId: 'smalltalk-1' });
    expect((await say(adapter, 'slt')).join()).toMatch(/Pose ta question/);
    expect((await say(adapter, 'merci bcp')).join()).toMatch(/Avec plaisir/);
  });
});
