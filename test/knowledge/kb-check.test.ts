import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../knowledge/content/check-content.js';
import { CONTENT_FOLDERS } from '../../knowledge/knowledge-base.js';

const BAD = path.resolve('test/fixtures/bad-knowledge');
const messages = (dir: string) => checkContent(dir, CONTENT_FOLDERS, '2026-11-22').issues.map((i) => `${i.file}:${i.line}: ${i.severity}: ${i.message}`);

describe('kb:check', () => {
  it('reports each problem of an entry with its file and line', () => {
    const all = messages(BAD).join('\n');
    expect(all).toMatch(/few-questions\.md:\d+: error: questions: at least 3 questions/);
    expect(all).toMatch(/few-questions\.md:\d+: error: links\.0\.url: must be an https:\/\/ URL/);
    expect(all).toMatch(/bad-entry\.md:\d+: error: answer: 4 sentences, at most 3/);
    expect(all).toMatch(/bad-entry\.md:\d+: error: contacts: malformed phone number "01-23-45"/);
    expect(all).toMatch(/bad-entry\.md:\d+: error: sources: no official source/);
    expect(all).toMatch(/bad-entry\.md:\d+: warning: review overdue since 2025-06-01/);
    expect(all).toMatch(/duplicate id "bad-entry"/);
    expect(all).toMatch(/unknown-place\.md:\d+: error: scope: unknown département code "999"/);
  });

  it('passes on the real knowledge base: enough national entries, every pilot département, official sources', () => {
    const report = checkContent(path.resolve('knowledge'), CONTENT_FOLDERS, new Date().toISOString().slice(0, 10));
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}: ${i.message}`)).toEqual([]);
    expect(report.national).toBeGreaterThanOrEqual(80);
    for (const code of ['75', '93', '59', '13']) expect(report.byDepartement[code] ?? 0).toBeGreaterThanOrEqual(5);
    expect(report.generated).toBe(101 - 4);
  });
});
