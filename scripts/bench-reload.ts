import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTENT_FOLDERS, loadEntries } from '../knowledge/content/load-entries.js';
import { KnowledgeBase, KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import { buildIndexes } from '../knowledge/search/index-builder.js';
import { directoryEntries } from '../knowledge/territory/directory-entries.js';

/**
 * npm run bench (fourth part) — an editor's publication while young people are talking: how late a turn can
 * be while the base reloads. A timer due every 10 ms stands for the turns; its worst lateness is what a young
 * person would wait on top of their answer. Baseline in the same run: the same indexes built on the answering
 * thread, as every reload did before they moved to the builder thread.
 */
const copy = mkdtempSync(path.join(tmpdir(), 'relais-bench-reload-'));
const knowledgeDir = path.join(copy, 'knowledge');
cpSync(KNOWLEDGE_DIR, knowledgeDir, { recursive: true, filter: (source) => !source.endsWith('.ts') });
const kb = await KnowledgeBase.open({ knowledgeDir, indexDir: path.join(copy, 'index') });

/** Worst lateness of a 10 ms timer while `work` runs, and how long it took. */
async function lateness(work: () => Promise<unknown>): Promise<{ worstMs: number; wallMs: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const begin = performance.now();
  await work();
  const end = performance.now();
  clearInterval(timer);
  // The timer's last wait counts too: work that never yields would otherwise show no lateness at all.
  worst = Math.max(worst, end - last - 10);
  return { worstMs: Math.max(0, worst), wallMs: end - begin };
}

// One question added to one entry, as an editor's publication would.
const file = path.join(knowledgeDir, 'entries/argent/prime-activite.md');
const edited = readFileSync(file, 'utf8').replace('questions:\n', 'questions:\n  - "la prime d activite c pour moi si je bosse un peu"\n');
writeFileSync(file, edited);

const content = loadEntries(knowledgeDir, CONTENT_FOLDERS);
const lexiconFile = path.join(knowledgeDir, 'lexicon.yaml');
const input = { entries: [...content.entries, ...directoryEntries(content.entries)], lexiconText: existsSync(lexiconFile) ? readFileSync(lexiconFile, 'utf8') : '' };
const before = await lateness(() => buildIndexes(input, path.join(copy, 'on-main-thread')));
const after = await lateness(() => kb.reloadIfChanged());

const row = (name: string, r: { worstMs: number; wallMs: number }) => `${name.padEnd(44)} ${r.worstMs.toFixed(0).padStart(8)} ms ${(r.wallMs / 1000).toFixed(1).padStart(8)} s`;
console.log(`\nA publication's reload, ${input.entries.length} entries: worst lateness of a turn due every 10 ms, and the reload's duration`);
console.log(row('baseline: indexes built on the answering thread', before));
console.log(row('now: built on the builder thread, then read in', after));
console.log(`worst lateness divided by ${(before.worstMs / Math.max(1, after.worstMs)).toFixed(0)}`);
rmSync(copy, { recursive: true, force: true });
process.exit(0);
