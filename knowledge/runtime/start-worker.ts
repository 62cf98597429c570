import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// tsx's ESM API (the "import" export of tsx/esm/api), found from its package folder since require.resolve gives the CommonJS one.
const tsxApi = () => pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/**
 * Starts a worker thread on a module given without extension, next to `from` (an import.meta.url). From the
 * TypeScript sources (tsx, vitest) the worker loads the .ts file through tsx's API, since a worker does not
 * inherit the loader; from compiled JavaScript it loads the .js file directly.
 */
export function startWorker(from: string, moduleName: string, workerData: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${moduleName}.js`, from), { workerData });
  const moduleUrl = new URL(`./${moduleName}.ts`, from).href;
  return new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(moduleUrl)}, ${JSON.stringify(from)}))`, { eval: true, workerData });
}
