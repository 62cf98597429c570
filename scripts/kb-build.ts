import cliProgress from 'cli-progress';
import { loadSettings } from '../bot/config/settings.js';
import { loadOrTrainCrisisModel } from '../dialogs/safety/crisis-model-store.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { knowledgeOptionsFrom } from '../knowledge/knowledge-options.js';

/** npm run kb:build — builds the search indexes and trains the crisis classifier (the server also does both when the content changed). */
const settings = loadSettings();
const bar = new cliProgress.SingleBar({ format: 'Indexing {bar} {value}/{total} documents', hideCursor: true }, cliProgress.Presets.shades_classic);
let started = false;
const begin = Date.now();
const kb = await KnowledgeBase.open({
  ...knowledgeOptionsFrom(settings),
  onProgress: (done, total) => {
    if (!started) {
      bar.start(total, 0);
      started = true;
    }
    bar.update(done);
  },
});
if (started) bar.stop();
const crisisBegin = Date.now();
const crisisModel = loadOrTrainCrisisModel(knowledgeOptionsFrom(settings).indexDir);
console.log(`Crisis classifier ready in ${Date.now() - crisisBegin} ms (threshold ${crisisModel.threshold.toFixed(3)}).`);
console.log(`${started ? 'Built' : 'Up to date:'} index ${kb.contentHash.slice(0, 12)} for ${kb.entries().length} entries in ${Date.now() - begin} ms (${settings.DATA_DIR}/index).`);
