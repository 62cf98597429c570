import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationHarness, rendered, transcript, type ConversationHarness } from '../support/conversation-harness.js';
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

  it('offers the leaving-care checklist when the profile says leaving is near (17, 18, a contrat jeune majeur), first in the next welcome too', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'checklist-1', userId: 'u-checklist-17' });
    await transcript(
      adapter,
      [
        ['mon profil', /quel âge/],
        ['17 ans', /ta situation/],
        ["Encore à l'ASE", /Merci, je vais en tenir compte/, /Tu as 17 ans : c'est le moment de préparer ta sortie de l'ASE/, /\[Checklist sortie de l'ASE\]/],
        ["Checklist sortie de l'ASE", /Checklist avant de quitter l'ASE/, /Source :/],
      ],
      expectReply,
    );
    const next = h.adapter({ channelId: 'directline', conversationId: 'checklist-2', userId: 'u-checklist-17' });
    await next.send({ type: 'conversationUpdate', membersAdded: [{ id: 'u-checklist-17', name: 'user' }] }).startTest();
    const welcome = next.activeQueue.map(rendered).join('\n');
    expect(welcome).toMatch(/Tu as 17 ans : c'est le moment/);
    expect(welcome).toMatch(/\[Checklist sortie de l'ASE\] \[Mes droits\]/);

    const cjm = h.adapter({ channelId: 'directline', conversationId: 'checklist-3', userId: 'u-checklist-cjm' });
    await transcript(cjm, [['mon profil', /quel âge/], ['20 ans', /ta situation/], ['En contrat jeune majeur', /fin de ton contrat jeune majeur, j'ai une liste/, /\[Checklist sortie de l'ASE\]/]], expectReply);
  });

  it('does not offer the checklist to someone who has left care, nor in their welcome', async () => {
    const adapter = h.adapter({ channelId: 'directline', conversationId: 'checklist-4', userId: 'u-checklist-left' });
    await transcript(adapter, [['mon profil', /quel âge/], ['18 ans', /ta situation/], ["J'ai quitté l'ASE", /Merci/, (r) => expect(r).not.toMatch(/Checklist|une liste/)]], expectReply);
    const next = h.adapter({ channelId: 'directline', conversationId: 'checklist-5', userId: 'u-checklist-left' });
    await next.send({ type: 'conversationUpdate', membersAdded: [{ id: 'u-checklist-left', name: 'user' }] }).startTest();
    expect(next.activeQueue.map(rendered).join('\n')).not.toMatch(/Checklist/);
  });

  it('hands a question typed instead of an age back to the answers', async () => {
    const adapter = h.adapter({ conversationId: 'profile-4', userId: 'u-p4' });
    await transcript(adapter, [['mon profil', /quel âge/], ['c quoi le service civique en fait ?', /Source/]], expectReply);
  });
});
