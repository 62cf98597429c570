import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createConversationHarness, transcript, type ConversationHarness } from '../support/conversation-harness.js';
import { expectReply } from './expect-reply.js';

// The fixture base: one local entry about the missions locales of the 93, and a directory of four of them.
describe('places near the young person (knowledge/directory)', () => {
  let dir: string;
  let knowledge: KnowledgeBase;
  let h: ConversationHarness;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'relais-nearby-'));
    cpSync(path.resolve('test/fixtures/knowledge'), path.join(dir, 'knowledge'), { recursive: true });
    knowledge = await KnowledgeBase.open({ knowledgeDir: path.join(dir, 'knowledge'), indexDir: path.join(dir, 'index') });
    h = await createConversationHarness({ knowledge });
  });
  afterAll(async () => {
    await h.close();
    knowledge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('"où est la mission locale à Bobigny": the town in the question picks the one serving it, with its number to tap', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'nearby-1', userId: 'u-nearby-1' });
    const [reply] = await transcript(adapter, [['ou est la mission locale à Bobigny', /Près de chez toi/, /Mission locale de test de Bobigny/, /\[01 00 00 00 01\]\(tel:0100000001\)/, /vérifié le 30\/11\/2026/]], expectReply);
    expect(reply).not.toMatch(/Montreuil|dis-moi ta ville/);
  });

  it('without a town, asks for it rather than listing every place; naming it answers again with the right one', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'nearby-2', userId: 'u-nearby-2' });
    const turns = await transcript(
      adapter,
      [
        ['dans le 93', /Seine-Saint-Denis \(93\)/],
        ['non', /./],
        ['ou est la mission locale', /Il y a 4 lieux « Mission locale » dans ton département : dis-moi ta ville/],
        ["j'habite à Montreuil", /Montreuil, Seine-Saint-Denis/, /Mission locale de test de Montreuil/, /3 rue de l'Exemple, 93100 Montreuil/],
      ],
      expectReply,
    );
    expect(turns[3]).not.toMatch(/Bobigny/);
  });

  it('a new question drops the one that waited for a town', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'nearby-3', userId: 'u-nearby-3' });
    const turns = await transcript(
      adapter,
      [
        ['dans le 93', /Seine-Saint-Denis \(93\)/],
        ['non', /./],
        ['ou est la mission locale', /dis-moi ta ville/],
        ["g pa de garan pour l'appart", /garant|Visale/i],
        ["j'habite à Montreuil", /Montreuil, Seine-Saint-Denis/],
      ],
      expectReply,
    );
    expect(turns[4]).not.toMatch(/Mission locale de test/);
  });
});
