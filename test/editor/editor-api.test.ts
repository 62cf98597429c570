import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferentAccounts } from '../../bot/console/referent-accounts.js';
import { ConsoleClient } from '../support/console-client.js';
import { fixtureBaseCopy } from '../support/fixture-base.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { YoungPerson } from '../support/young-person.js';

// The small fixture base in a folder of its own: the editors publish into it, never into the project's knowledge/.
describe('editors\' API (/editor/api)', () => {
  let dir: string;
  let running: RunningApp;
  let editor: ConsoleClient;
  let referent: ConsoleClient;
  beforeAll(async () => {
    const base = fixtureBaseCopy('relais-editor-');
    dir = base.dir;
    // A git work tree, as a deployment cloned from the project's repository would be: publications are committed.
    execFileSync('git', ['init', '--quiet', base.knowledgeDir]);
    running = await startTestApp({ ...base.env, KNOWN_QUESTIONS_DIR: path.resolve('test/fixtures/known-questions') });
    const accounts = new ReferentAccounts(running.app.db, { maxFailures: 5, minutes: 15 });
    await accounts.add({ email: 'editrice@relais.test', name: 'Inès', role: 'editor', departements: [], password: 'a long editor password' });
    await accounts.add({ email: 'referente@relais.test', name: 'Awa', role: 'referent', departements: ['93'], password: 'a long referent password' });
    editor = await ConsoleClient.login(running.url, 'editrice@relais.test', 'a long editor password');
    referent = await ConsoleClient.login(running.url, 'referente@relais.test', 'a long referent password');
  });
  afterAll(async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is for editors and coordinators only, signed in, and every change carries the CSRF token', async () => {
    expect((await fetch(`${running.url}/editor/api/entries`)).status).toBe(401);
    expect((await referent.send('GET', '/editor/api/entries')).status).toBe(403);
    const entry = await editor.send<{ frontMatter: Record<string, unknown>; body: string }>('GET', '/editor/api/entries/fixture-css');
    expect((await editor.send('PUT', '/editor/api/entries/fixture-css', entry.body, { csrf: false })).status).toBe(403);
  });

  it('lists the entries with their review status, and gives one as front matter and body', async () => {
    const list = await editor.send<Array<{ id: string; review: string; file: string }>>('GET', '/editor/api/entries');
    expect(list.status).toBe(200);
    expect(list.body.map((e) => e.id).sort()).toEqual(['fixture-aide-terminee', 'fixture-css', 'fixture-mission-locale-93', 'fixture-visale']);
    expect(list.body.every((e) => ['ok', 'due', 'overdue'].includes(e.review))).toBe(true);
    const one = await editor.send<{ id: string; frontMatter: { title: string; questions: string[] }; body: string }>('GET', '/editor/api/entries/fixture-visale');
    expect(one.body.frontMatter.title).toBe('La garantie Visale (fiche de test)');
    expect(one.body.body).toContain('Fixture used by the tests');
    expect((await editor.send('GET', '/editor/api/entries/no-such-entry')).status).toBe(404);
  });

  it('checks a draft as the editor types: messages by form field, and the answer as a phone shows it, tags escaped', async () => {
    const entry = await editor.send<{ frontMatter: Record<string, unknown>; body: string }>('GET', '/editor/api/entries/fixture-css');
    type Checked = { issues: Array<{ field: string; severity: string; message: string }>; preview: { short: string; details: string; buttons: string[] } | null };
    const invalid = await editor.send<Checked>('POST', '/editor/api/check', { ...entry.body, frontMatter: { ...entry.body.frontMatter, questions: ['une seule'] } });
    expect(invalid.status).toBe(200);
    expect(invalid.body.issues).toEqual([expect.objectContaining({ field: 'questions', severity: 'error', message: expect.stringMatching(/at least 3 questions/) })]);
    expect(invalid.body.preview).toBeNull();
    const draft = { ...entry.body, body: `${entry.body.body}\n\n<script>alert(1)</script> [piège](javascript:alert(1))` };
    const checked = (await editor.send<Checked & { preview: NonNullable<Checked['preview']> }>('POST', '/editor/api/check', draft));
    expect(checked.body.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(checked.body.preview.short).toContain('<strong>La Complémentaire santé solidaire (fiche de test)</strong>');
    expect(checked.body.preview.short).toMatch(/href="tel:/);
    expect(checked.body.preview.details).toContain('&lt;script&gt;');
    expect(checked.body.preview.details).not.toContain('<script>');
    expect(checked.body.preview.details).not.toContain('href="javascript:');
    // Nothing was written: a check is not a publication.
    expect(readFileSync(path.join(dir, 'knowledge/entries/sante/fixture-css.md'), 'utf8')).not.toContain('<script>');
  });

  it('shows which known questions a draft would answer otherwise, labelled and asked, before it is published', async () => {
    const asked = 'avancer les frais chez le generaliste jpeux pas';
    expect((await editor.send<{ confident: boolean }>('POST', '/editor/api/ask', { question: asked })).body.confident).toBe(false);
    const young = await new YoungPerson(running.url).start();
    await young.say(asked);
    const entry = await editor.send<{ frontMatter: { questions: string[] }; body: string }>('GET', '/editor/api/entries/fixture-css');
    entry.body.frontMatter.questions.push('jveux plus avancer les sous chez le doc', asked);
    const impact = await editor.send<{ compared: { eval: number; asked: number }; changes: Array<{ question: string; from: string; before: unknown; after: { id: string } | null; rightBefore?: boolean; rightAfter?: boolean }> }>('POST', '/editor/api/impact', entry.body);
    expect(impact.status).toBe(200);
    expect(impact.body.compared.eval).toBe(3);
    expect(impact.body.compared.asked).toBeGreaterThanOrEqual(1);
    expect(impact.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: 'jveux plus avancer les sous chez le doc', from: 'eval', before: null, after: expect.objectContaining({ id: 'fixture-css' }), rightBefore: false, rightAfter: true }),
        expect.objectContaining({ question: asked, from: 'asked', before: null, after: expect.objectContaining({ id: 'fixture-css' }) }),
      ]),
    );
    // The labelled questions that keep their answer are not listed.
    expect(impact.body.changes.some((c) => c.question === 'garantie visale pour louer un appart')).toBe(false);
    expect((await editor.send<{ confident: boolean }>('POST', '/editor/api/ask', { question: asked })).body.confident).toBe(false);
    const invalid = { ...entry.body, frontMatter: { ...entry.body.frontMatter, questions: ['une'] } };
    expect((await editor.send('POST', '/editor/api/impact', invalid)).status).toBe(422);
  });

  it('edits a département\'s places and the menu as checked YAML, with versions and undo; nothing else can be reached', async () => {
    const files = await editor.send<Array<{ file: string; kind: string; places?: number }>>('GET', '/editor/api/files');
    expect(files.body).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'directory/93.yaml', kind: 'directory' }), expect.objectContaining({ file: 'menu.yaml', kind: 'menu' })]));
    const placesBefore = files.body.find((f) => f.file === 'directory/93.yaml')!.places!;
    const current = await editor.send<{ text: string; exists: boolean }>('GET', '/editor/api/files/content?path=directory/93.yaml');
    expect(current.body.exists).toBe(true);
    const record = (commune: string) =>
      `  - id: fixture-pij-93\n    type: point_justice\n    name: "Point-justice de test"\n    communes: [${commune}]\n    phone: "01 00 00 00 09"\n    source: https://www.example.org/pij\n    verified_on: 2026-11-30\n`;
    const misspelt = `${current.body.text.trimEnd()}\n${record('Bobignyy')}`;
    const check = await editor.send<{ issues: Array<{ message: string }> }>('POST', '/editor/api/files/check?path=directory/93.yaml', { text: misspelt });
    expect(check.body.issues.map((i) => i.message)).toEqual([expect.stringMatching(/"Bobignyy" is not a commune/)]);
    expect((await editor.send('PUT', '/editor/api/files/content?path=directory/93.yaml', { text: misspelt })).status).toBe(422);
    const published = await editor.send<{ published: boolean }>('PUT', '/editor/api/files/content?path=directory/93.yaml', { text: `${current.body.text.trimEnd()}\n${record('Bobigny')}` });
    expect(published.status).toBe(200);
    const after = await editor.send<Array<{ file: string; places?: number }>>('GET', '/editor/api/files');
    expect(after.body.find((f) => f.file === 'directory/93.yaml')!.places).toBe(placesBefore + 1);
    const versions = await editor.send<Array<{ id: string }>>('GET', '/editor/api/files/versions?path=directory/93.yaml');
    expect((await editor.send('POST', '/editor/api/files/revert?path=directory/93.yaml', { versionId: versions.body[0]!.id })).status).toBe(200);
    expect(readFileSync(path.join(dir, 'knowledge/directory/93.yaml'), 'utf8')).toBe(current.body.text);

    // The fixture base has no menu yet: the first publication creates it; an unknown entry is refused.
    expect((await editor.send<{ exists: boolean }>('GET', '/editor/api/files/content?path=menu.yaml')).body.exists).toBe(false);
    const menu = (ids: string) => `themes:\n  - label: Santé\n    entries: [${ids}]\nage_rules:\n  ask_profile_after: []\n`;
    const unknown = await editor.send<{ issues: Array<{ message: string }> }>('PUT', '/editor/api/files/content?path=menu.yaml', { text: menu('fixture-css, nulle-part') });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues.map((i) => i.message)).toEqual([expect.stringMatching(/unknown entry "nulle-part"/)]);
    expect((await editor.send('PUT', '/editor/api/files/content?path=menu.yaml', { text: menu('fixture-css, fixture-visale') })).status).toBe(201);
    expect(running.app.knowledge.menu().themes).toEqual([{ label: 'Santé', entryIds: ['fixture-css', 'fixture-visale'] }]);

    for (const bad of ['../official-sources.yaml', 'official-sources.yaml', 'directory/99.yaml', 'entries/sante/fixture-css.md', 'directory/../menu.yaml']) {
      expect((await editor.send('GET', `/editor/api/files/content?path=${encodeURIComponent(bad)}`)).status).toBe(400);
    }
    expect((await editor.send('PUT', '/editor/api/files/content?path=menu.yaml', { text: menu('fixture-css') }, { csrf: false })).status).toBe(403);
  });

  it('from an unanswered question to a published alternate question, answered at once without a restart', async () => {
    const young = await new YoungPerson(running.url).start();
    const question = 'jveux plus avancer les sous chez le doc';
    await young.say(question);
    const groups = await editor.send<Array<{ kind: string; count: number; examples: string[]; nearestEntries: Array<{ id: string }> }>>('GET', '/editor/api/unanswered');
    const group = groups.body.find((g) => g.examples.includes(question));
    // With the other question left unanswered above, about the same entry.
    expect(group).toMatchObject({ kind: 'unanswered', count: 2 });
    expect(group!.nearestEntries.length).toBeGreaterThan(0);

    // Test pane: before the change, not confident.
    const before = await editor.send<{ confident: boolean; ranked: Array<{ entryId: string }> }>('POST', '/editor/api/ask', { question });
    expect(before.body.confident).toBe(false);

    const entry = await editor.send<{ frontMatter: { questions: string[] }; body: string }>('GET', '/editor/api/entries/fixture-css');
    entry.body.frontMatter.questions.push(question);
    const published = await editor.send<{ published: boolean; file: string; commit: string }>('PUT', '/editor/api/entries/fixture-css', entry.body);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ published: true, file: path.join('entries', 'sante', 'fixture-css.md'), commit: expect.stringMatching(/^[0-9a-f]{7,}$/) });
    const log = execFileSync('git', ['-C', path.join(dir, 'knowledge'), 'log', '-1', '--format=%an|%s|%H', '--name-only'], { encoding: 'utf8' });
    expect(log).toMatch(/^Inès\|Publish fixture-css \(editors' workspace\)\|/);
    expect(log.trim().split('\n').at(-1)).toBe('entries/sante/fixture-css.md');
    expect(readFileSync(path.join(dir, 'knowledge/entries/sante/fixture-css.md'), 'utf8')).toContain(question);

    const after = await editor.send<{ confident: boolean; entryId: string; answer: string }>('POST', '/editor/api/ask', { question });
    expect(after.body).toMatchObject({ confident: true, entryId: 'fixture-css' });
    expect(after.body.answer).toContain('Complémentaire santé solidaire');
    expect((after.body as { html?: string }).html).toContain('<strong>La Complémentaire santé solidaire (fiche de test)</strong>');
    expect((await young.say(question)).join('\n')).toContain('Complémentaire santé solidaire');
    const audit = await running.app.db.query<{ action: string; detail: string }>("select action, detail from audit_log where action = 'entry_published' and detail like 'entries%'");
    expect(audit.rows).toEqual([{ action: 'entry_published', detail: path.join('entries', 'sante', 'fixture-css.md') }]);
  });

  it('refuses an invalid edit with kb:check\'s messages, and writes nothing', async () => {
    const entry = await editor.send<{ frontMatter: Record<string, unknown>; body: string }>('GET', '/editor/api/entries/fixture-visale');
    const file = path.join(dir, 'knowledge/entries/logement/fixture-visale.md');
    const text = readFileSync(file, 'utf8');
    const bad = { ...entry.body, frontMatter: { ...entry.body.frontMatter, questions: ['une seule'], contacts: [{ label: 'Numéro', phone: '01-23' }] } };
    const refused = await editor.send<{ published: boolean; issues: Array<{ severity: string; message: string }> }>('PUT', '/editor/api/entries/fixture-visale', bad);
    expect(refused.status).toBe(422);
    expect(refused.body.published).toBe(false);
    expect(refused.body.issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/questions: at least 3 questions/)]));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('creates a new entry in its theme folder; an existing id is refused', async () => {
    const entry = await editor.send<{ frontMatter: Record<string, unknown>; body: string }>('GET', '/editor/api/entries/fixture-css');
    const fresh = { frontMatter: { ...entry.body.frontMatter, id: 'fixture-nouvelle', title: 'Une nouvelle fiche de test', questions: ['nouvelle fiche un', 'nouvelle fiche deux', 'nouvelle fiche trois'] }, body: 'Fixture created by the editors\' test.' };
    const created = await editor.send<{ published: boolean; file: string }>('POST', '/editor/api/entries', fresh);
    expect(created.status).toBe(201);
    expect(existsSync(path.join(dir, 'knowledge/entries/sante/fixture-nouvelle.md'))).toBe(true);
    expect((await editor.send('POST', '/editor/api/entries', fresh)).status).toBe(409);
  });

  it('keeps each publication as a version, and undoes one: the text it replaced is checked and published again', async () => {
    const file = path.join(dir, 'knowledge/entries/sante/fixture-css.md');
    const versions = await editor.send<Array<{ id: string; created: boolean; actorName: string; previousText: string }>>('GET', '/editor/api/entries/fixture-css/versions');
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]).toMatchObject({ created: false, actorName: 'Inès' });
    expect(versions.body[0]!.previousText).not.toContain('jveux plus avancer les sous chez le doc');
    expect((await editor.send('POST', '/editor/api/entries/fixture-css/revert', { versionId: versions.body[0]!.id }, { csrf: false })).status).toBe(403);
    const reverted = await editor.send<{ published: boolean }>('POST', '/editor/api/entries/fixture-css/revert', { versionId: versions.body[0]!.id });
    expect(reverted.status).toBe(200);
    expect(readFileSync(file, 'utf8')).toBe(versions.body[0]!.previousText);
    expect((await editor.send<{ confident: boolean }>('POST', '/editor/api/ask', { question: 'jveux plus avancer les sous chez le doc' })).body.confident).toBe(false);
    expect((await editor.send<unknown[]>('GET', '/editor/api/entries/fixture-css/versions')).body).toHaveLength(2);
    const created = await editor.send<Array<{ id: string; created: boolean }>>('GET', '/editor/api/entries/fixture-nouvelle/versions');
    expect(created.body[0]!.created).toBe(true);
    expect((await editor.send('POST', '/editor/api/entries/fixture-nouvelle/revert', { versionId: created.body[0]!.id })).status).toBe(400);
    const audit = await running.app.db.query<{ action: string }>("select action from audit_log where action = 'entry_reverted' and detail like 'entries%'");
    expect(audit.rows).toHaveLength(1);
  });
});
