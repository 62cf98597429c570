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

  it('builds the index again when its folder cannot be read (a file lost), instead of refusing to start', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'relais-kb-broken-'));
    try {
      cpSync(path.join(dir, 'index'), copy, { recursive: true });
      const [folder] = readdirSync(copy).filter((name) => /^[0-9a-f]{16}$/.test(name));
      rmSync(path.join(copy, folder!, 'sparse-vectors.v8'));
      const again = await KnowledgeBase.open({ knowledgeDir: path.join(dir, 'knowledge'), indexDir: copy });
      try {
        expect(existsSync(path.join(copy, folder!, 'sparse-vectors.v8'))).toBe(true);
        expect((await again.answer("g pa de garan pour l'appart")).entry?.id).toBe('fixture-visale');
      } finally {
        again.close();
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('never presents an aid that ended as current: its end first, what exists instead offered first, the fiche in the details', async () => {
    const answer = await kb.answer('prime pour acheter un frigo');
    expect(answer.entry?.id).toBe('fixture-aide-terminee');
    const [title, notice] = answer.text.split('\n\n');
    expect(title).toBe("**L'aide de test à l'équipement (fiche de test)**");
    expect(notice).toBe("⚠️ **Cette aide a pris fin le 01/01/2026.** Plus aucune demande n'est acceptée. Regarde plutôt ce qui existe à la place, ci-dessous.");
    expect(answer.related[0]?.entryId).toBe('fixture-css');
    const details = await kb.answer('prime pour acheter un frigo', { entryId: 'fixture-aide-terminee', details: true });
    expect(details.text).toContain('**Pour qui** : Les jeunes de 18 à 25 ans qui entrent dans un premier logement.');
    expect(details.text).toContain("**Montant de l'aide** : 300 € (en vigueur depuis le 01/01/2024, [source](https://www.service-public.fr/particuliers/vosdroits/F00000))");
    expect(details.text).toContain("**Délais** : la demande devait être faite dans les 6 mois après l'entrée dans le logement");
    expect(details.text).toContain('**Textes** : [Décret de test](https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000000000)');
    expect(details.text.indexOf('⚠️')).toBeLessThan(details.text.indexOf('**Pour qui**'));
  });

  it('shows the directory\'s places near the young person under an answer that sends them to one', async () => {
    const inBobigny = await kb.answer('ou est la mission locale', { departement: '93', commune: 'Bobigny' });
    expect(inBobigny.entry?.id).toBe('fixture-mission-locale-93');
    expect(inBobigny.text).toContain('📍 **Près de chez toi**');
    expect(inBobigny.text).toContain("**Mission locale de test de Bobigny** · 2 rue de l'Exemple, 93000 Bobigny · 📞 [01 00 00 00 01](tel:0100000001) · lun.-ven. 9 h-17 h");
    expect(inBobigny.text).toContain('[source](https://www.example.org/ml-bobigny/contact), vérifié le 30/11/2026');
    expect(inBobigny.text).not.toContain('Montreuil');
    expect(inBobigny.asksForCommune).toBe(false);
    // Several mission locales and no commune: the reply asks for the town instead of listing them all.
    const somewhere = await kb.answer('ou est la mission locale', { departement: '93' });
    expect(somewhere.text).toContain('Il y a 4 lieux « Mission locale » dans ton département : dis-moi ta ville');
    expect(somewhere.asksForCommune).toBe(true);
    // No checked place serving the commune: it says so, and gives the official search page of that kind.
    const sevran = await kb.answer('ou est la mission locale', { departement: '93', commune: 'Sevran' });
    expect(sevran.text).not.toContain('Près de chez toi');
    expect(sevran.text).toContain("📍 Je n'ai pas encore d'adresse vérifiée près de chez toi : cherche dans [l'annuaire des missions locales (UNML)](https://www.unml.info/).");
    // A département without local content: its generated entry already lists the official search pages, nothing is added.
    const elsewhere = await kb.answer('ou est la mission locale', { departement: '59' });
    expect(elsewhere.entry?.id).toBe('annuaires-59');
    expect(elsewhere.text).not.toContain('📍');
    // An entry that sends to no kind of place gets no block.
    expect((await kb.answer("g pa de garan pour l'appart", { departement: '93', commune: 'Bobigny' })).text).not.toContain('Près de chez toi');
  });

  it('takes the theme buttons and age rules from knowledge/menu.yaml, reloaded without rebuilding the index', async () => {
    expect(kb.menu().themes).toEqual([]);
    const indexes = () => readdirSync(path.join(dir, 'index')).filter((name) => /^[0-9a-f]{16}$/.test(name));
    const before = indexes();
    writeFileSync(path.join(dir, 'knowledge/menu.yaml'), 'themes:\n  - label: Logement\n    entries: [fixture-visale]\nage_rules:\n  until_21: [fixture-css]\n');
    expect(await kb.reloadIfChanged()).toBe(true);
    expect(indexes()).toEqual(before);
    expect(kb.menu().themes).toEqual([{ label: 'Logement', entryIds: ['fixture-visale'] }]);
    expect(kb.menu().until21.has('fixture-css')).toBe(true);
  });

  it('reloads an edited place without rebuilding the search index', async () => {
    const file = path.join(dir, 'knowledge/directory/93.yaml');
    const indexes = () => readdirSync(path.join(dir, 'index')).filter((name) => /^[0-9a-f]{16}$/.test(name));
    const before = indexes();
    writeFileSync(file, readFileSync(file, 'utf8').replace('01 00 00 00 02', '01 00 00 00 09'));
    expect(await kb.reloadIfChanged()).toBe(true);
    expect(indexes()).toEqual(before);
    expect((await kb.answer('ou est la mission locale', { departement: '93', commune: 'Montreuil' })).text).toContain('[01 00 00 00 09](tel:0100000009)');
  });

  it('picks up an editor\'s change without a restart (content hash), and rebuilds the index', async () => {
    const file = path.join(dir, 'knowledge/entries/sante/fixture-css.md');
    expect(await kb.reloadIfChanged()).toBe(false);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Tu la demandes sur ameli.fr.', 'Tu la demandes à ta CPAM ou sur ameli.fr.'));
    expect(await kb.reloadIfChanged()).toBe(true);
    expect((await kb.answer('j ai pas de mutuelle')).text).toContain('Tu la demandes à ta CPAM ou sur ameli.fr.');
  });
});

describe('reloads while the base is in use (an editor publishes during answers)', () => {
  let dir: string;
  let kb: KnowledgeBase;
  const logged: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'relais-kb-reload-'));
    cpSync(FIXTURE, path.join(dir, 'knowledge'), { recursive: true });
    kb = await KnowledgeBase.open({ knowledgeDir: path.join(dir, 'knowledge'), indexDir: path.join(dir, 'index'), log: (message) => logged.push(message) });
  });
  afterAll(() => {
    kb.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const indexes = () => readdirSync(path.join(dir, 'index')).filter((name) => /^[0-9a-f]{16}$/.test(name));

  it('an answer started before a reload is made from one version of the content, not half of each', async () => {
    // The search of this answer is held until the content has changed and been reloaded.
    const internals = kb as unknown as { current: { retriever: { retrieve: (...args: unknown[]) => Promise<unknown> } } };
    const retriever = internals.current.retriever;
    const search = retriever.retrieve.bind(retriever);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    retriever.retrieve = async (...args: unknown[]) => {
      const found = await search(...args);
      await held;
      return found;
    };
    const pending = kb.answer('prime pour acheter un frigo');
    rmSync(path.join(dir, 'knowledge/entries/sante/fixture-css.md'));
    expect(await kb.reloadIfChanged()).toBe(true);
    expect(kb.entry('fixture-css')).toBeUndefined();
    release();
    const answer = await pending;
    expect(answer.entry?.id).toBe('fixture-aide-terminee');
    // What exists instead, from the content the answer started with.
    expect(answer.related[0]?.entryId).toBe('fixture-css');
  });

  it('two reloads at once run one after the other and leave one index, not none', async () => {
    const file = path.join(dir, 'knowledge/entries/logement/fixture-visale.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Fixture used by the tests', 'Fixture used by the tests (edited)'));
    expect(await Promise.all([kb.reloadIfChanged(), kb.reloadIfChanged()])).toEqual([true, false]);
    expect(indexes()).toHaveLength(1);
    expect((await kb.answer("g pa de garan pour l'appart")).entry?.id).toBe('fixture-visale');
  });

  it('a reload that fails keeps serving the previous content, says so, and clears once a reload works', async () => {
    const lexicon = path.join(dir, 'knowledge/lexicon.yaml');
    const before = kb.contentHash;
    writeFileSync(lexicon, 'garant: [visale\n');
    await expect(kb.reloadIfChanged()).rejects.toThrow();
    expect(kb.contentHash).toBe(before);
    expect(kb.reloadFailure?.error).toBeTruthy();
    expect(logged).toContain('knowledge reload failed: the previous content is still served');
    expect((await kb.answer("g pa de garan pour l'appart")).entry?.id).toBe('fixture-visale');
    rmSync(lexicon);
    expect(await kb.reloadIfChanged()).toBe(false);
    expect(kb.reloadFailure).toBeUndefined();
  });

  it('says in the log which entries a reload left out, and why', async () => {
    const file = path.join(dir, 'knowledge/entries/logement/fixture-broken.md');
    writeFileSync(file, '---\nid: fixture-broken\ntitle: x\n---\nbody\n');
    expect(await kb.reloadIfChanged()).toBe(true);
    expect(logged).toContain('knowledge content left out: fix it and run npm run kb:check');
    expect(kb.entry('fixture-broken')).toBeUndefined();
  });
});
