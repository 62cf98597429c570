import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationHarness, say, transcript, type ConversationHarness } from '../support/conversation-harness.js';
import { expectReply } from './expect-reply.js';

describe('département', () => {
  let h: ConversationHarness;
  beforeAll(async () => {
    h = await createConversationHarness();
  });
  afterAll(async () => h.close());

  it.each(['je suis à Montreuil', 'jsuis a montreuil', '93100', 'dans le 93', 'le 9-3', 'Seine-Saint-Denis', "j'habite à Bobigny"])('understands "%s" as Seine-Saint-Denis', async (text) => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: `place-${text}`, userId: `u-${text}` });
    await transcript(adapter, [[text, /Seine-Saint-Denis \(93\)/, /retiens pour la prochaine fois/]], expectReply);
  });

  it('offers a choice for an ambiguous name (Saint-Denis: 93 or La Réunion), never a guess', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'ambiguous-1', userId: 'u-amb' });
    await transcript(
      adapter,
      [
        ['Saint-Denis', /plusieurs Saint-Denis/, /974/, /93/],
        ['Saint-Denis (93, Seine-Saint-Denis)', /Seine-Saint-Denis \(93\)/],
      ],
      expectReply,
    );
  });

  it('with "je suis à Montreuil" then "ou est la mission locale", answers for Seine-Saint-Denis, and remembers it only after a yes', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'montreuil-1', userId: 'u-montreuil' });
    const turns = await transcript(
      adapter,
      [
        ['je suis à Montreuil', /Seine-Saint-Denis \(93\)/],
        ['oui', /retenu/],
        ['ou est la mission locale', /Seine-Saint-Denis|93/, /Source :/],
      ],
      expectReply,
    );
    expect(turns[2]).not.toMatch(/ta ville, ton code postal/);
    // A new conversation of the same young person starts with the remembered département.
    const next = h.adapter({ channelId: 'directline', conversationId: 'montreuil-2', userId: 'u-montreuil' });
    await next.send({ type: 'conversationUpdate', membersAdded: [{ id: 'u-montreuil', name: 'user' }] }).startTest();
    expect(next.activeQueue.map((a) => a.text).join('\n')).toMatch(/Je me souviens de ton département : Seine-Saint-Denis \(93\)/);
  });

  it('asks where only when the answer depends on it, after answering, then answers for that place', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'ask-1', userId: 'u-ask' });
    await transcript(
      adapter,
      [
        ['c quoi le service civique', (r) => expect(r).not.toMatch(/ta ville, ton code postal/)],
        ['ou est la mission locale la plus proche', /mission locale/i, /ta ville, ton code postal ou ton département/],
        ['lille', /Nord \(59\)/, /Source :/, /retiens pour la prochaine fois/],
        ['non', /que pour cette conversation/],
      ],
      expectReply,
    );
  });

  it('changes the remembered département with "j\'ai déménagé à Lille"', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'moved-1', userId: 'u-moved' });
    await transcript(
      adapter,
      [
        ['dans le 93', /Seine-Saint-Denis \(93\)/],
        ['oui', /retenu/],
        ["j'ai déménagé à Lille", /Nord \(59\)/, /retenu/],
      ],
      expectReply,
    );
    const next = h.adapter({ channelId: 'directline', conversationId: 'moved-2', userId: 'u-moved' });
    await next.send({ type: 'conversationUpdate', membersAdded: [{ id: 'u-moved', name: 'user' }] }).startTest();
    expect(next.activeQueue.map((a) => a.text).join('\n')).toMatch(/Nord \(59\)/);
  });

  it('"j\'ai déménagé" without a place asks where', async () => {
    const adapter = h.adapter({ conversationId: 'moved-3', userId: 'u-moved-3' });
    await transcript(adapter, [["j'ai déménagé", /Tu as déménagé où/], ['13001', /Bouches-du-Rhône \(13\)/]], expectReply);
  });

  it('lets the young person skip the place question and still gives the national answer', async () => {
    const adapter = h.adapter({ conversationId: 'skip-1', userId: 'u-skip' });
    await transcript(adapter, [['ou est la mission locale', /ta ville/], ['passer', /valable partout en France/]], expectReply);
    expect((await say(adapter, 'c quoi le service civique')).join()).toMatch(/Source :/);
  });
});
