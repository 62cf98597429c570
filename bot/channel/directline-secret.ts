import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSecret } from '../config/settings.js';

/**
 * The configured secret, or in development one generated once and kept in DATA_DIR,
 * so tokens and conversations survive a restart.
 */
export function resolveDirectLineSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'directline-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = generateSecret();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
