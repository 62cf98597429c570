import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../dialogs/safety/crisis-classifier.js';
import { loadStoredCrisisModel, shippedModelFile, SHIPPED_MODEL_DIR, trainCrisisModelInBackground } from '../../dialogs/safety/crisis-model-store.js';

const indexDir = mkdtempSync(path.join(tmpdir(), 'relais-shipped-model-'));
afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe('the crisis model kept in the repository', () => {
  it('is the one the current corpora, content and code give (else: npm run kb:build), and is the only one kept', () => {
    expect(existsSync(shippedModelFile()), `${path.relative(process.cwd(), shippedModelFile())} is missing: the safety corpora, the entries or the classifier's code changed; run npm run kb:build and commit knowledge/safety/model`).toBe(true);
    expect(readdirSync(SHIPPED_MODEL_DIR)).toEqual([path.basename(shippedModelFile())]);
  });

  it('is what a first start with an empty index folder uses: no training, the model at once, copied into the index folder', async () => {
    const model = loadStoredCrisisModel(indexDir);
    expect(model).toBeDefined();
    expect(classify(model!, 'je veux plus vivre, je vais sauter du pont ce soir')?.category).toBe('suicide');
    expect(classify(model!, 'comment je fais pour avoir les apl')).toBeUndefined();
    expect(readdirSync(path.join(indexDir, 'safety'))).toEqual([path.basename(shippedModelFile()).replace(/\.br$/, '')]);
    const started = await trainCrisisModelInBackground(path.join(indexDir, 'another'));
    expect(started.samples).toBe(0);
    expect(Buffer.from(started.model.weights.buffer).equals(Buffer.from(model!.weights.buffer))).toBe(true);
  });
});
