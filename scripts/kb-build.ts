import cliProgress from 'cli-progress';
import { loadSettings } from '../bot/config/settings.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { knowledgeOptionsFrom } from '../knowledge/knowledge-options.js';

/** npm run kb:build — builds the search indexes (the server also does it when the content changed). */
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
console.log(`${started ? 'Built' : 'Up to date:'} index ${kb.contentHash.slice(0, 12)} for ${kb.entries().length} entries in ${Date.now() - begin} ms (${settings.DATA_DIR}/index).`);
