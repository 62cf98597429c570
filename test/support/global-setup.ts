import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrTrainCrisisModel } from '../../dialogs/safety/crisis-model-store.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';

/**
 * Before any test file: one search index folder for the whole run, with the knowledge base's index built and
 * the crisis classifier trained once. Every test process (one per file) finds them there instead of
 * building them again (tens of seconds each, which a test's time limit would count).
 */
export async function setup(): Promise<() => void> {
  const indexDir = mkdtempSync(path.join(tmpdir(), 'relais-test-index-'));
  process.env.RELAIS_TEST_INDEX_DIR = indexDir;
  const kb = await KnowledgeBase.open({ indexDir });
  kb.close();
  loadOrTrainCrisisModel(indexDir);
  return () => rmSync(indexDir, { recursive: true, force: true });
}
