import { contentCoverage } from '../knowledge/content/content-report.js';
import { CONTENT_FOLDERS, KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';
import { PLACE_TYPES, type PlaceType } from '../knowledge/directory/directory-record.js';
import { departementByCode } from '../knowledge/territory/departements.js';

/** npm run kb:report — for editors: coverage by theme and département, what to review, amounts and their dates. */
const today = new Date().toISOString().slice(0, 10);
const report = contentCoverage(KNOWLEDGE_DIR, CONTENT_FOLDERS, today);

console.log(`Knowledge base on ${today} (kb:check: ${report.errors} error(s), ${report.warnings} warning(s))\n`);
console.log('National entries by theme');
for (const [theme, count] of Object.entries(report.national).sort()) console.log(`  ${theme.padEnd(16)} ${count}`);

const covered = Object.entries(report.local).filter(([, ids]) => ids.length > 0);
console.log(`\nLocal entries: ${covered.length} of ${Object.keys(report.local).length} départements have their own; the others get the official directories only`);
for (const [code, ids] of covered) console.log(`  ${code.padEnd(3)} ${departementByCode(code)?.nom ?? ''}: ${ids.length} (${ids.join(', ')})`);

console.log(`\nReview overdue: ${report.overdue.length}`);
for (const e of report.overdue) console.log(`  ${e.review_by}  ${e.file}`);
console.log(`Review due in the next 30 days: ${report.dueSoon.length}`);
for (const e of report.dueSoon) console.log(`  ${e.review_by}  ${e.file}`);
for (const stamp of report.bulkStamps) console.log(`Probable batch stamp: ${stamp.count} entries have verified_on ${stamp.date}; re-check them one by one`);

console.log(`\nAmounts (${report.amounts.length} entries)`);
for (const line of report.amounts) console.log(`  ${line.file}: ${line.amounts.join(', ')} | ${line.inForce ?? 'NO DATE'} | verified ${line.verifiedOn}, review by ${line.reviewBy}`);

const withPlaces = Object.entries(report.places);
console.log(`\nDirectory of places (knowledge/directory): ${withPlaces.length} of ${Object.keys(report.local).length} départements have checked places`);
for (const [code, counts] of withPlaces) {
  const kinds = (Object.keys(PLACE_TYPES) as PlaceType[]).map((type) => `${type} ${counts[type] ?? 0}`).join(', ');
  console.log(`  ${code.padEnd(3)} ${departementByCode(code)?.nom ?? ''}: ${kinds}`);
}
