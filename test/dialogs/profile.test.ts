import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationHarness, transcript, type ConversationHarness } from '../support/conversation-harness.js';
import { expectReply } from './expect-reply.js';

describe('optional profile', () => {
  let h: ConversationHarness;
  beforeAll(async () => {
    h = await createConversationHarness({ today: new Date('2026-11-22T12:00:00Z') });
  });
  afterAll(async () => h.close());

  it('is offered after an answer that depends on age, understands "dix-neuf ans", and tailors the next answer', async () => {
    const adapter = h.adapter({ conversationId: 'profile-1', userId: 'u-p1' });
    await transcript(
      adapter,
      [
        // The age question replaces the answer's buttons, so the answer does not announce them.
        ["jusqu'a quel age l'ase doit m'aider", /21 ans/, /Tu as quel âge/, (r) => expect(r).not.toMatch(/Pour aller plus loin/)],
        ['dix-neuf ans', /ta situation/],
        ['En contrat jeune majeur', /Merci, je vais en tenir compte/],
        ["l'ase doit m'aider jusqu'a 21 ans ?", /ce droit te concerne/],
      ],
      expectReply,
    );
  });

  it('understands a date of birth, and says when support until 21 no longer applies', async () => {
    const adapter = h.adapter({ conversationId: 'profile-2', userId: 'u-p2' });
    await transcript(
      adapter,
      [
        ['mon profil', /quel âge/],
        ['né le 3 mars 2003', /ta situation/],
        ["J'ai quitté l'ASE", /23 ans : l'accompagnement de l'ASE jusqu'à 21 ans ne s'applique plus/],
      ],
      expectReply,
    );
  });

  it('can be skipped, and is not offered again', async () => {
    const adapter = h.adapter({ conversationId: 'profile-3', userId: 'u-p3' });
    await transcript(
      adapter,
      [
        ["jusqu'a quel age l'ase doit m'aider", /Tu as quel âge/],
        ['passer', (r) => void r],
        ["jusqu'a quel age l'ase doit m'aider", (r) => expectReply(r.includes('Tu as quel âge') ? 'asked again' : 'ok', /^ok$/, 'second time')],
      ],
      expectReply,
    );
  });

  it('hands a question typed instead of an age back to the answers', async () => {
    const adapter = h.adapter({ conversationId: 'profile-4', userId: 'u-p4' });
    await transcript(adapter, [['mon profil', /quel âge/], ['c quoi le service civique en fait ?', /Source/]], expectReply);
  });
});
