import path from 'node:path';
import { checkContent } from '../knowledge/content/check-content.js';
import { CONTENT_FOLDERS, KNOWLEDGE_DIR } from '../knowledge/knowledge-base.js';

/** npm run kb:check — validates every entry; prints file:line: message; exits 1 on any error. */
const today = new Date().toISOString().slice(0, 10);
const report = checkContent(KNOWLEDGE_DIR, CONTENT_FOLDERS, today);
const root = path.dirname(KNOWLEDGE_DIR);
for (const issue of report.issues) {
  const file = issue.file.startsWith('generated:') || issue.file.startsWith('knowledge/') ? issue.file : path.relative(root, path.join(KNOWLEDGE_DIR, issue.file));
  console.log(`${file}:${issue.line}: ${issue.severity}: ${issue.message}`);
}
const errors = report.issues.filter((i) => i.severity === 'error').length;
const warnings = report.issues.length - errors;
console.log(
  `\n${report.entries.length} curated entries: ${report.national} national (${Object.entries(report.byTheme)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')}), local ${Object.entries(report.byDepartement)
    .map(([d, n]) => `${d}: ${n}`)
    .join(', ')}; ${report.generated} generated directory entries.`,
);
const places = Object.entries(report.places).map(([d, counts]) => `${d}: ${Object.values(counts).reduce((a, b) => a + b, 0)}`);
console.log(`Directory: ${places.length > 0 ? places.join(', ') : 'no place yet'} (knowledge/directory).`);
console.log(`kb:check: ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors > 0 ? 1 : 0);
