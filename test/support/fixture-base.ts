import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_INDEX_DIR } from './test-app.js';

/**
 * The small fixture knowledge base (test/fixtures/knowledge) copied into a folder of its own, so that a test may
 * publish into it, with an index folder holding the crisis model already trained for the tests (no server of the
 * test trains its own). `env` points a test app at both.
 */
export function fixtureBaseCopy(prefix: string): { dir: string; knowledgeDir: string; env: { KNOWLEDGE_DIR: string; INDEX_DIR: string }; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const knowledgeDir = path.join(dir, 'knowledge');
  cpSync(path.resolve('test/fixtures/knowledge'), knowledgeDir, { recursive: true });
  mkdirSync(path.join(dir, 'index'));
  cpSync(path.join(TEST_INDEX_DIR, 'safety'), path.join(dir, 'index', 'safety'), { recursive: true });
  return { dir, knowledgeDir, env: { KNOWLEDGE_DIR: knowledgeDir, INDEX_DIR: path.join(dir, 'index') }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
