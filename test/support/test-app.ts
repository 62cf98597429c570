import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRelais, type RelaisApp } from '../../bot/app.js';
import { parseSettings } from '../../bot/config/settings.js';
import { createLogger } from '../../bot/logging/logger.js';

export interface RunningApp {
  app: RelaisApp;
  url: string;
  dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** The run's search index folder, built once by the global setup (test/support/global-setup.ts), or one per process. */
export const TEST_INDEX_DIR = process.env.RELAIS_TEST_INDEX_DIR ?? path.join(tmpdir(), `relais-test-index-${process.pid}`);

/** Starts the real server in process on a free port, with its own embedded database. */
export async function startTestApp(env: Record<string, string> = {}, dataDir = mkdtempSync(path.join(tmpdir(), 'relais-test-'))): Promise<RunningApp> {
  const settings = parseSettings({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', INDEX_DIR: TEST_INDEX_DIR, WEBCHAT_TOKEN_RATE_PER_MINUTE: '6000', ...env });
  const app = await createRelais(settings, { logger: createLogger('silent') });
  const url = await app.listen();
  return {
    app,
    url,
    dataDir,
    stop: async (options = {}) => {
      await app.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
