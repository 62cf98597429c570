import { parseArgs } from 'node:util';
import { loadSettings } from '../bot/config/settings.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { knowledgeOptionsFrom } from '../knowledge/knowledge-options.js';

/** npm run ask -- "question" [--departement 93] — the answer and the best entries with their scores. */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { departement: { type: 'string', short: 'd' }, details: { type: 'boolean' } } });
const question = positionals.join(' ').trim();
if (!question) {
  console.error('Usage: npm run ask -- "ta question" [--departement 93] [--details]');
  process.exit(2);
}
const kb = await KnowledgeBase.open(knowledgeOptionsFrom(loadSettings()));
const answer = await kb.answer(question, { departement: values.departement, details: values.details });
console.log(`\nQuestion: ${question}${values.departement ? ` (département ${values.departement})` : ''}`);
console.log(`Confidence: ${answer.confidence.toFixed(2)} → ${answer.confident ? `answered (${answer.composedBy})` : 'not sure: offer a human'}\n`);
console.log(answer.text || '(no answer)');
if (answer.related.length > 0) console.log(`\nRelated: ${answer.related.map((r) => r.label).join(' | ')}`);
console.log('\nTop entries:');
for (const [i, r] of answer.results.slice(0, 5).entries()) {
  const lexical = r.lexical ? `lex #${r.lexical.rank + 1} ${r.lexical.score.toFixed(1)} cov ${r.lexical.coverage.toFixed(2)}` : 'lex -';
  const vector = r.vector ? `vec #${r.vector.rank + 1} ${r.vector.similarity.toFixed(3)}` : 'vec -';
  console.log(`${i + 1}. ${r.entry.id.padEnd(36)} fused ${r.score.toFixed(4)}  ${lexical}  ${vector}`);
}
