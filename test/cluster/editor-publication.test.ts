import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferentAccounts } from '../../bot/console/referent-accounts.js';
import { ConsoleClient } from '../support/console-client.js';
import { fixtureBaseCopy } from '../support/fixture-base.js';
import { postgresAvailable, testSchema } from '../support/postgres.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

const postgres = await postgresAvailable('editor publication across instances');
const QUESTION = 'jveux plus avancer les sous chez le doc';

// Two instances on one PostgreSQL, each with its own copy of the knowledge folder (no shared volume).
describe.skipIf(!postgres)('an editor publishes on one instance, and every instance answers with it', () => {
  let schema: Awaited<ReturnType<typeof testSchema>>;
  const bases: Array<ReturnType<typeof fixtureBaseCopy>> = [];
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    schema = await testSchema();
    bases.push(fixtureBaseCopy('relais-publish-a-'), fixtureBaseCopy('relais-publish-b-'));
    for (const base of bases) apps.push(await startTestApp({ DATABASE_URL: schema.url, DIRECTLINE_SECRET: 'publication-secret-0123456789abcdef', ...base.env }));
    await new ReferentAccounts(apps[0]!.app.db, { maxFailures: 5, minutes: 15 }).add({ email: 'ines@relais.test', name: 'Inès', role: 'editor', departements: [], password: 'a long editor password' });
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await schema?.drop();
    for (const base of bases) base.remove();
  });

  it('published on A, the entry is written to B\'s folder and answered by B within 5 s, with no restart', async () => {
    const onA = await ConsoleClient.login(apps[0]!.url, 'ines@relais.test', 'a long editor password');
    const onB = await ConsoleClient.login(apps[1]!.url, 'ines@relais.test', 'a long editor password');
    expect((await onB.send<{ confident: boolean }>('POST', '/editor/api/ask', { question: QUESTION })).body.confident).toBe(false);

    const entry = await onA.send<{ frontMatter: { questions: string[] }; body: string }>('GET', '/editor/api/entries/fixture-css');
    entry.body.frontMatter.questions.push(QUESTION);
    expect((await onA.send('PUT', '/editor/api/entries/fixture-css', entry.body)).status).toBe(200);

    const begin = Date.now();
    let answered = false;
    while (!answered && Date.now() - begin < 5000) {
      answered = (await onB.send<{ confident: boolean; entryId: string }>('POST', '/editor/api/ask', { question: QUESTION })).body.confident;
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered).toBe(true);
    expect(readFileSync(path.join(bases[1]!.knowledgeDir, 'entries/sante/fixture-css.md'), 'utf8')).toContain(QUESTION);
  });

  it('an instance that was down catches up at start, but never overwrites a file that moved on otherwise', async () => {
    const onA = await ConsoleClient.login(apps[0]!.url, 'ines@relais.test', 'a long editor password');
    await apps[1]!.stop();
    const css = await onA.send<{ frontMatter: { questions: string[] }; body: string }>('GET', '/editor/api/entries/fixture-css');
    css.body.frontMatter.questions.push('la css ca marche avec les lunettes');
    const put = await onA.send('PUT', '/editor/api/entries/fixture-css', css.body);
    expect(put.body).toMatchObject({ published: true });
    const local = await onA.send<{ frontMatter: { questions: string[] }; body: string }>('GET', '/editor/api/entries/fixture-mission-locale-93');
    local.body.frontMatter.questions.push('mission locale du 93 elle est ou');
    expect((await onA.send('PUT', '/editor/api/entries/fixture-mission-locale-93', local.body)).body).toMatchObject({ published: true });
    // Meanwhile B's own copy of that entry changed otherwise (a deployment, a hand edit): it stays as it is.
    const localOnB = path.join(bases[1]!.knowledgeDir, 'local/93/fixture-mission-locale-93.md');
    appendFileSync(localOnB, '\nEdited by hand on B.\n');
    const handEdited = readFileSync(localOnB, 'utf8');

    apps[1] = await startTestApp({ DATABASE_URL: schema.url, DIRECTLINE_SECRET: 'publication-secret-0123456789abcdef', ...bases[1]!.env });
    expect(await apps[1].app.publicationsCaughtUp).toBe(1);
    expect(readFileSync(path.join(bases[1]!.knowledgeDir, 'entries/sante/fixture-css.md'), 'utf8')).toContain('la css ca marche avec les lunettes');
    expect(readFileSync(localOnB, 'utf8')).toBe(handEdited);
    const onB = await ConsoleClient.login(apps[1].url, 'ines@relais.test', 'a long editor password');
    expect((await onB.send<{ entryId: string }>('POST', '/editor/api/ask', { question: 'la css ca marche avec les lunettes' })).body.entryId).toBe('fixture-css');
  });
});
