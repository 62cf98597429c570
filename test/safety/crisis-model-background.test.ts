import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CRISIS_CATEGORIES } from '../../dialogs/safety/crisis-category.js';
import { classify } from '../../dialogs/safety/crisis-classifier.js';
import { loadOrTrainCrisisModel, loadStoredCrisisModel, trainCrisisModelInBackground } from '../../dialogs/safety/crisis-model-store.js';

// A small corpus of its own, so that training takes a moment: the model's quality is tested elsewhere.
const root = mkdtempSync(path.join(tmpdir(), 'relais-crisis-model-'));
const corporaDir = path.join(root, 'knowledge', 'safety');
mkdirSync(corporaDir, { recursive: true });
const examples: Record<(typeof CRISIS_CATEGORIES)[number], string[]> = {
  suicide: ['je veux mourir ce soir', 'jvais en finir', 'i want to die tonight'],
  self_harm: ['je me coupe les bras', 'jme scarifie encore', 'i cut myself again'],
  violence: ['mon copain me frappe', 'il me tape tous les soirs', 'he beats me'],
  sexual_violence: ['il m a violee', 'il m a forcee a coucher', 'he raped me'],
  exploitation: ['ils gardent mon passeport', 'on me force a faire des passes', 'they took my passport'],
  medical: ['j ai avale toute la boite de doliprane', 'mon pote respire plus', 'i took all my pills'],
  no_shelter: ['je dors dehors ce soir', 'le foyer m a mis dehors', 'i sleep outside tonight'],
  child_danger: ['mon petit frere se fait frapper', 'ma petite soeur est battue', 'my little brother is beaten'],
};
writeFileSync(path.join(corporaDir, 'crisis.yaml'), stringify(Object.entries(examples).flatMap(([category, texts]) => texts.map((text) => ({ text, category })))));
writeFileSync(path.join(corporaDir, 'benign.yaml'), stringify(['salut', 'merci', 'c quoi la caf', 'comment avoir les apl', 'je cherche un stage', 'ou est la mission locale', 'ok merci bcp', 'hello', 'bonne nuit', 'je veux un appart'].map((text) => ({ text }))));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('crisis classifier trained in the background (a first start)', () => {
  it('trains in a worker thread the same model as the synchronous path, and stores it for the next start', async () => {
    const indexDir = path.join(root, 'index-a');
    expect(loadStoredCrisisModel(indexDir, corporaDir)).toBeUndefined();
    const { model, samples } = await trainCrisisModelInBackground(indexDir, { corporaDir });
    expect(samples).toBeGreaterThan(24);
    expect(classify(model, 'jvais en finir')?.category).toBe('suicide');
    const stored = loadStoredCrisisModel(indexDir, corporaDir);
    expect(stored?.threshold).toBe(model.threshold);
    expect(Buffer.from(stored!.weights.buffer).equals(Buffer.from(model.weights.buffer))).toBe(true);
    const inProcess = loadOrTrainCrisisModel(path.join(root, 'index-b'), { corporaDir });
    expect(Buffer.from(inProcess.weights.buffer).equals(Buffer.from(model.weights.buffer))).toBe(true);
  });

  it('stops when the app stops: the training is abandoned and nothing is stored', async () => {
    const indexDir = path.join(root, 'index-c');
    const stop = new AbortController();
    const training = trainCrisisModelInBackground(indexDir, { corporaDir, signal: stop.signal });
    stop.abort();
    await expect(training).rejects.toThrow(/stopped/);
    expect(loadStoredCrisisModel(indexDir, corporaDir)).toBeUndefined();
  });
});
