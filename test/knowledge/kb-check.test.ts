import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../knowledge/content/check-content.js';
import { BULK_STAMP_MIN_ENTRIES, checkDates, nextRevaluation, statedAmounts } from '../../knowledge/content/check-dates.js';
import { contentCoverage } from '../../knowledge/content/content-report.js';
import { loadEntries } from '../../knowledge/content/load-entries.js';
import { loadMenu } from '../../knowledge/content/menu.js';
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
    // An amount says when it is in force, and is reviewed by the next 1 January or 1 April after its check.
    expect(all).toMatch(/undated-amount\.md:\d+: error: answer: states 120 €, 120 € without the date it is in force/);
    expect(all).toMatch(/undated-amount\.md:19: error: review_by 2027-05-01 is after 2027-01-01/);
  });

  it('reads amounts and their dates: a scheme\'s name is not an amount; "en vigueur au" with a date, or a year', () => {
    expect(statedAmounts({ title: 'Le permis', answer: 'Le « permis à 1 € par jour » est un prêt.', body: 'Demande le permis à 1 € à ta banque.' })).toEqual([]);
    expect(statedAmounts({ title: 'Visale', answer: 'Un loyer de 1 500 € au plus, ou 10,50 € par jour.', body: '' })).toEqual(['1 500 €', '10,50 €']);
    expect(nextRevaluation('2026-11-22')).toBe('2027-01-01');
    expect(nextRevaluation('2026-01-01')).toBe('2026-04-01');
    expect(nextRevaluation('2026-02-10')).toBe('2026-04-01');
    const entry = loadEntries(path.resolve('test/fixtures/knowledge'), CONTENT_FOLDERS).entries[0]!;
    const errors = (body: string) => checkDates([{ ...entry, answer: 'Elle paie 120 € par mois.', body, verified_on: '2026-11-22', review_by: '2027-01-01' }], (_e, _s, message) => found.push(message));
    const found: string[] = [];
    for (const body of ['Montant en vigueur au 1er janvier 2026.', 'Montant en vigueur depuis le 01/03/2025.', 'Un montant en vigueur en 2024.']) errors(body);
    expect(found).toEqual([]);
    errors('Un montant vérifié le 22/11/2026.');
    expect(found).toEqual([expect.stringMatching(/^answer: states 120 € without the date it is in force/)]);
  });

  it('warns once when many entries share one verified_on: a check date, not a batch stamp', () => {
    const entries = loadEntries(path.resolve('test/fixtures/knowledge'), CONTENT_FOLDERS).entries;
    const many = Array.from({ length: BULK_STAMP_MIN_ENTRIES + 1 }, (_, i) => ({ ...entries[0]!, id: `e${i}`, verified_on: '2026-11-22' }));
    const few = many.slice(0, BULK_STAMP_MIN_ENTRIES).map((e, i) => ({ ...e, verified_on: i % 2 ? '2026-11-22' : '2026-11-23' }));
    const warnings = (list: typeof many) => checkDates(list, () => undefined).map((i) => i.message);
    expect(warnings(many)).toEqual([`verified_on: ${BULK_STAMP_MIN_ENTRIES + 1} entries share 2026-11-22; a date says one entry was checked against its source that day, not that a batch was stamped`]);
    expect(warnings(few)).toEqual([]);
  });

  it('checks the structured fiche: an ended aid has its date and what exists instead, an announcement says what, typed amounts match the text', () => {
    const all = messages(BAD).join('\n');
    expect(all).toMatch(/bad-fiche\.md:14: error: status: an ended aid needs the date it ended/);
    expect(all).toMatch(/bad-fiche\.md:14: error: status: unknown entry "no-such-entry" in instead/);
    expect(all).toMatch(/bad-fiche\.md:17: error: amounts: the text states 120 €, which is not among the typed amounts/);
    expect(all).toMatch(/bad-announce\.md:14: error: status: an announced change says what changes/);
    expect(messages(path.resolve('test/fixtures/knowledge')).filter((m) => m.includes('fixture-aide-terminee'))).toEqual([]);
  });

  it('checks the menu: every entry it names exists, and a button label fits on a phone', () => {
    const all = messages(BAD).join('\n');
    expect(all).toMatch(/menu\.yaml:4: error: themes \(Argent\): unknown entry "no-such-entry"/);
    expect(all).toMatch(/menu\.yaml:6: error: age_rules\.ask_profile_after: unknown entry "another-missing-entry"/);
    expect(all).toMatch(/menu\.yaml:7: error: age_rules\.leaving_checklist: unknown entry "missing-checklist"/);
    expect(all).not.toMatch(/unknown entry "bad-entry"/);
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-menu-'));
    writeFileSync(path.join(dir, 'menu.yaml'), 'themes:\n  - label: Un thème dont le nom est bien trop long pour un bouton\n    entries: [x]\nage_rules: {}\n');
    const long = loadMenu(dir);
    expect(long.issues.map((i) => `${i.line}: ${i.message}`)).toEqual([expect.stringMatching(/^2: themes\.0\.label: /)]);
    expect(long.menu.themes).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the directory of places: official commune names, phones, ids, sources, dates and file names, each with its line', () => {
    const all = messages(BAD).join('\n');
    expect(all).toMatch(/directory\/93\.yaml:4: error: bad-commune: "Bobignyy" is not a commune of Seine-Saint-Denis/);
    expect(all).toMatch(/directory\/93\.yaml:10: error: phone: write it like "3230" or "01 23 45 67 89"/);
    expect(all).toMatch(/directory\/93\.yaml:40: error: id "old-check" is already used \(directory\/93\.yaml:28\)/);
    expect(all).toMatch(/directory\/93\.yaml:23: error: source: /);
    expect(all).toMatch(/directory\/93\.yaml:28: warning: old-check: checked on 2025-01-10, more than a year ago/);
    expect(all).toMatch(/directory\/93\.yaml:34: error: checked-tomorrow: verified_on 2026-11-23 is in the future/);
    expect(all).toMatch(/directory\/94\.yaml:1: error: the file of département 93 must be named 93\.yaml/);
    expect(all).toMatch(/directory\/93\.yaml:46: error: wrong-postcode: postcode 75011 is not one of Seine-Saint-Denis/);
    expect(all).toMatch(/directory\/93\.yaml:53: error: no-postcode: the address has no postcode/);
    // A pilot département says which kinds of places it still lacks.
    expect(all).toMatch(/directory\/75\.yaml:1: warning: pilot département 75: no place yet of kind mission_locale, caf/);
  });

  it('passes on the real knowledge base: enough national entries, every pilot département, official sources', () => {
    const report = checkContent(path.resolve('knowledge'), CONTENT_FOLDERS, new Date().toISOString().slice(0, 10));
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}: ${i.message}`)).toEqual([]);
    expect(report.national).toBeGreaterThanOrEqual(80);
    for (const code of ['75', '93', '59', '13']) expect(report.byDepartement[code] ?? 0).toBeGreaterThanOrEqual(5);
    expect(report.generated).toBe(101 - 4);
  });
});

describe('kb:report', () => {
  it('lists coverage by theme and département, reviews due, and each amount with its date', () => {
    const report = contentCoverage(path.resolve('test/fixtures/bad-knowledge'), CONTENT_FOLDERS, '2026-11-22');
    expect(report.overdue.map((e) => e.id)).toContain('bad-entry');
    expect(report.amounts).toEqual([
      expect.objectContaining({ id: 'bad-fiche', amounts: ['120 €'], inForce: expect.stringContaining('en vigueur au 1er janvier 2026') }),
      expect.objectContaining({ id: 'undated-amount', amounts: ['120 €', '120 €'], inForce: undefined, reviewBy: '2027-05-01' }),
    ]);
    expect(report.national.logement).toBeGreaterThanOrEqual(1);
    expect(Object.keys(report.local)).toEqual(expect.arrayContaining(['75', '2A', '974', '999']));
    const real = contentCoverage(path.resolve('knowledge'), CONTENT_FOLDERS, '2026-12-01');
    for (const line of real.amounts) expect(line.inForce, line.file).toBeDefined();
    for (const code of ['75', '93', '59', '13']) expect(real.local[code]!.length).toBeGreaterThanOrEqual(5);
  });
});
