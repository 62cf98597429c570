import { createRelais } from './app.js';
import { loadSettings, SettingsError } from './config/settings.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`${error.message}\nSee README.md, section Configuration.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(settings.LOG_LEVEL);
  const app = await createRelais(settings, { logger });
  const url = await app.listen();
  let started = false;
  // A first start trains the crisis classifier (about 15 s on two cores): the chat works meanwhile, with the rules alone.
  setImmediate(() => {
    if (!started) logger.info({ url }, `Relais listens on ${url}; a first start trains the crisis classifier in the background (about 15 s on two cores), and /readyz says ready once it is done`);
  });
  await app.ready;
  started = true;
  logger.info({ url, anonymous: settings.anonymous, database: app.db.engine }, `Relais is ready: open ${url}`);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Relais failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
