import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { YoungPerson } from '../support/young-person.js';

/** The files of the data folder that contain the text, as `grep -rl` would list them. */
function filesContaining(dir: string, text: string): string[] {
  const needle = Buffer.from(text);
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(file);
      else if (stat?.isFile() && readFileSync(file).includes(needle)) found.push(path.relative(dir, file));
    }
  };
  walk(dir);
  return found;
}

describe('"efface mes données" on the embedded database', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp();
    await running.app.ready;
  });
  afterAll(async () => running?.stop());

  it('leaves no trace of the words in the data folder once erased: not in the table files, not in the write-ahead log', async () => {
    const canary = 'Zorglub-7f3a9';
    const young = await new YoungPerson(running.url).start();
    await young.say(`je m'appelle ${canary} et je dors chez un ami à Bobigny`);
    await running.app.db.exec('checkpoint');
    // Before: the words are on disk (so the check below can fail).
    expect(filesContaining(running.dataDir, canary).length).toBeGreaterThan(0);

    expect((await young.say('efface mes données')).join('\n')).toMatch(/Tu veux que j.efface tout/);
    expect((await young.say('oui')).join('\n')).toMatch(/C.est fait/);
    // The scrub runs shortly after the erasure (erasures close together share one).
    await expect.poll(() => filesContaining(running.dataDir, canary), { timeout: 30_000, interval: 500 }).toEqual([]);
    await running.app.db.exec('checkpoint');
    expect(filesContaining(running.dataDir, canary)).toEqual([]);
  }, 90_000);
});
