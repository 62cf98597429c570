import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENCE_THRESHOLD, KnowledgeBase } from '../../knowledge/knowledge-base.js';

const FIXTURE = path.resolve('test/fixtures/knowledge');

describe('knowledge base on a small fixture', () => {
  let dir: string;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'relais-kb-'));
    cpSync(FIXTURE, path.join(dir, 'knowledge'), { recursive: true });
    kb = await KnowledgeBase.open({ knowledgeDir: path.join(dir, 'knowledge'), indexDir: path.join(dir, 'index') });
  });
  afterAll(() => {
    kb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers with the entry, its source, its review date, its contacts and related questions', async () => {
    const answer = await kb.answer("g pa de garan pour l'appart");
    expect(answer.confident).toBe(true);
    expect(answer.entry?.id).toBe('fixture-visale');
    expect(answer.text).toContain('Source : [Service-Public.fr](https://www.service-public.fr/particuliers/vosdroits/F33314), vérifié le 22/11/2026');
    expect(answer.citations).toEqual([expect.objectContaining({ entryId: 'fixture-visale', verifiedOn: '2026-11-22' })]);
    expect(answer.related.map((r) => r.entryId)).toContain('fixture-css');
    expect(answer.composedBy).toBe('extractive');
  });

  it('keeps local entries to their département, and puts them first when the question is about a place', async () => {
    const elsewhere = await kb.retrieve('ou est la mission locale', { departement: '59' });
    expect(elsewhere.results.some((r) => r.entry.id === 'fixture-mission-locale-93')).toBe(false);
    expect(elsewhere.results[0]?.entry.id).toBe('annuaires-59');
    const here = await kb.retrieve('ou est la mission locale', { departement: '93' });
    expect(here.results[0]?.entry.id).toBe('fixture-mission-locale-93');
  });

  it('is not confident on a question it cannot answer, and gives no text', async () => {
    const answer = await kb.answer('quel temps fera-t-il demain à Brest');
    expect(answer.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
    expect(answer.confident).toBe(false);
    expect(answer.text).toBe('');
  });

  it('opens again from what the first open saved (ranker, keyword index, word weights), and ranks exactly the same', async () => {
    const [folder] = readdirSync(path.join(dir, 'index')).filter((name) => /^[0-9a-f]{16}$/.test(name));
    expect(existsSync(path.join(dir, 'index', folder!, 'search-cache.v8'))).toBe(true);
    const again = await KnowledgeBase.open({ knowledgeDir: path.join(dir, 'knowledge'), indexDir: path.join(dir, 'index') });
    try {
      for (const question of ["g pa de garan pour l'appart", 'ou est la mission locale', 'jai pas de mutuelle', 'quel temps fera-t-il demain à Brest']) {
        const scores = (r: Awaited<ReturnType<KnowledgeBase['retrieve']>>) => r.results.map((x) => [x.entry.id, x.score]);
        expect(scores(await again.retrieve(question, { departement: '93' }))).toEqual(scores(await kb.retrieve(question, { departement: '93' })));
      }
    } finally {
      again.close();
    }
  });

  it('picks up an editor\'s change without a restart (content hash), and rebuilds the index', async () => {
    const file = path.join(dir, 'knowledge/entries/sante/fixture-css.md');
    expect(await kb.reloadIfChanged()).toBe(false);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Tu la demandes sur ameli.fr.', 'Tu la demandes à ta CPAM ou sur ameli.fr.'));
    expect(await kb.reloadIfChanged()).toBe(true);
    expect((await kb.answer('j ai pas de mutuelle')).text).toContain('Tu la demandes à ta CPAM ou sur ameli.fr.');
  });
});
