import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationHarness, say, transcript, type ConversationHarness } from '../support/conversation-harness.js';
import { expectReply } from './expect-reply.js';

describe('global commands and bad input', () => {
  let h: ConversationHarness;
  beforeAll(async () => {
    h = await createConversationHarness();
  });
  afterAll(async () => h.close());

  it('understands aide, menu, annuler and recommencer at any point', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'cmd-1' });
    await transcript(
      adapter,
      [
        ['aide', /efface mes données/, /parler à quelqu'un/],
        ['menu', /\[Mes droits\]/],
        ['annuler', /rien en cours/],
        ['mon profil', /quel âge/],
        ['annuler', /j'arrête/],
        ['mon profil', /quel âge/],
        ['recommencer', /On repart de zéro/],
        ['19 ans', (r) => expect(r).not.toMatch(/ta situation/)],
      ],
      expectReply,
    );
  });

  it('"efface mes données" asks first, erases nothing on no, and on yes erases profile, state, feedback, cases and the transcript a référent could read, and says so', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'forget-1', userId: 'u-forget' });
    await transcript(
      adapter,
      [
        ['dans le 93', /93/],
        ['oui', /retenu/],
        ['service civique', /Source/],
        ['👍', /Merci/],
        ["je veux parler à quelqu'un", /transmise à l'équipe/],
        ['efface mes données', /Tu veux que j'efface tout/],
        ['non', /je n'efface rien/],
        ['efface mes données', /Tu veux que j'efface tout/],
      ],
      expectReply,
    );
    const transcriptRows = async () => Number((await h.db.query<{ n: string }>("select count(*) as n from transcript_messages where conversation_id = 'forget-1'")).rows[0]!.n);
    // What a référent could read is there before, and gone after, with the confirmation itself.
    expect(await transcriptRows()).toBeGreaterThan(0);
    await transcript(adapter, [['oui', /C'est fait. J'ai effacé : ton profil .*l'état de la conversation.*1 avis.*1 demande d'aide/]], expectReply);
    expect(await transcriptRows()).toBe(0);
    const { rows } = await h.db.query<{ n: string }>("select (select count(*) from feedback where question like '%service civique%' and entry_id = 'service-civique' and kind = 'helpful') + (select count(*) from cases where conversation_id = 'forget-1') + (select count(*) from bot_state where key like '%forget-1%' or key like '%u-forget%') as n");
    expect(Number(rows[0]!.n)).toBe(0);
    const next = h.adapter({ channelId: 'directline', conversationId: 'forget-2', userId: 'u-forget' });
    await next.send({ type: 'conversationUpdate', membersAdded: [{ id: 'u-forget', name: 'user' }] }).startTest();
    expect(next.activeQueue.map((a) => a.text).join('\n')).not.toMatch(/Je me souviens/);
  });

  it('gives no second answer to a re-sent activity (same id or same clientActivityID)', async () => {
    const adapter = h.adapter({ conversationId: 'dup-1' });
    expect(await say(adapter, 'service civique', { id: 'act-1' })).toHaveLength(1);
    expect(await say(adapter, 'service civique', { id: 'act-1' })).toEqual([]);
    expect(await say(adapter, 'service civique', { id: 'act-2', channelData: { clientActivityID: 'c-9' } })).toHaveLength(1);
    expect(await say(adapter, 'service civique', { id: 'act-3', channelData: { clientActivityID: 'c-9' } })).toEqual([]);
  });

  it('someone who writes in English gets a short English welcome once, then English help and not-sure replies', async () => {
    const adapter = h.adapter({ conversationId: 'english-1', userId: 'u-english' });
    const first = (await say(adapter, 'how do i get health insurance in france')).join('\n');
    expect(first).toMatch(/Hi, I'm \*\*Relais\*\*, an automated assistant/);
    expect((await say(adapter, 'help')).join('\n')).toMatch(/I answer questions about your rights/);
    expect((await say(adapter, 'what is the best football team in the world')).join('\n')).toMatch(/I'm not sure/);
    expect((await say(adapter, 'how do i open a bank account')).join('\n')).not.toMatch(/Hi, I'm/);
  });

  it('answers bad input kindly and loses nothing', async () => {
    const adapter = h.adapter({ conversationId: 'bad-1' });
    await transcript(
      adapter,
      [
        ['', /Je n'ai rien reçu/],
        ['   ', /Je n'ai rien reçu/],
        ['😭😭🙏', /emojis/],
        ['<script>alert(1)</script><b>service civique</b>', /service civique/i, /Source/],
        ['<style>p{}</style><script>alert("x")</script>merci', /Avec plaisir/],
        [{ type: 'message', text: '', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/x.png' }] }, /ne peux pas encore lire les fichiers/],
        [{ type: 'message', text: 'c quoi le service civique', attachments: [{ contentType: 'application/pdf', contentUrl: 'https://example.org/x.pdf' }] }, /fichiers/, /Source/],
        [`${'je vous explique ma vie. '.repeat(60)} c quoi le service civique`, /très long/, (r) => expect(r.split('---').length).toBe(2)],
        [{ type: 'somethingNew', text: 'x' }, /pas compris ce que tu m'as envoyé/],
      ],
      expectReply,
    );
    expect(await say(adapter, '', { type: 'typing' })).toEqual([]);
    expect(await say(adapter, '', { type: 'event', name: 'webchat/join' } as never)).toEqual([]);
  });
});
