import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq } from 'yaml';
import type { ContentIssue } from '../content/load-entries.js';
import { communes, departementByCode, placeKey } from '../territory/departements.js';
import { directoryFileSchema, placeRecordSchema, type PlaceRecord } from './directory-record.js';

export const DIRECTORY_FOLDER = 'directory';

export interface LoadedDirectory {
  records: PlaceRecord[];
  issues: ContentIssue[];
  /** Raw text of every file, for the content hash. */
  sources: Array<{ file: string; text: string }>;
}

/**
 * Reads knowledge/directory/<département>.yaml: the places near young people, one file per département.
 * An invalid record is reported and left out; the others load. Commune names are checked against the
 * official list of the département's communes, so that "near you" never rests on a misspelt town.
 * `draft` stands in for one file (new or changed): an editor's text checked against the other files.
 */
export function loadDirectory(knowledgeDir: string, draft?: { file: string; text: string }): LoadedDirectory {
  const folder = path.join(knowledgeDir, DIRECTORY_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.yaml'));
  } catch {
    names = [];
  }
  const draftName = draft && path.relative(DIRECTORY_FOLDER, draft.file);
  if (draftName && !names.includes(draftName)) names.push(draftName);
  const out: LoadedDirectory = { records: [], issues: [], sources: [] };
  const seen = new Map<string, string>();
  for (const name of names.sort()) {
    const file = path.join(DIRECTORY_FOLDER, name);
    const text = name === draftName ? draft!.text : readFileSync(path.join(folder, name), 'utf8');
    out.sources.push({ file, text });
    for (const item of parseDirectoryFile(file, text, out.issues)) {
      const where = seen.get(item.id);
      if (where) {
        out.issues.push({ file, line: item.line, severity: 'error', message: `id "${item.id}" is already used (${where})` });
        continue;
      }
      seen.set(item.id, `${file}:${item.line}`);
      out.records.push(item);
    }
  }
  return out;
}

function parseDirectoryFile(file: string, text: string, issues: ContentIssue[]): PlaceRecord[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    issues.push({ file, line: error.linePos?.[0]?.line ?? 1, severity: 'error', message: `not valid YAML: ${error.message.split('\n')[0]}` });
    return [];
  }
  const parsed = directoryFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    issues.push({ file, line: 1, severity: 'error', message: `expected "departement:" and "records:" (${parsed.error.issues[0]?.message})` });
    return [];
  }
  const code = parsed.data.departement.toUpperCase();
  if (!departementByCode(code)) {
    issues.push({ file, line: 1, severity: 'error', message: `unknown département "${parsed.data.departement}"` });
    return [];
  }
  if (path.basename(file, '.yaml').toUpperCase() !== code) issues.push({ file, line: 1, severity: 'error', message: `the file of département ${code} must be named ${code}.yaml` });
  const recordNodes = isMap(doc.contents) ? doc.contents.get('records', true) : undefined;
  const lines = isSeq(recordNodes) ? recordNodes.items.map((node) => lineCounter.linePos((node as { range?: [number] }).range?.[0] ?? 0).line) : [];
  const ofDepartement = communes().filter((c) => c.departement === code);
  const known = new Map(ofDepartement.map((c) => [placeKey(c.nom), c.nom]));
  const postcodes = new Set(ofDepartement.flatMap((c) => c.codesPostaux));
  const records: PlaceRecord[] = [];
  parsed.data.records.forEach((raw, index) => {
    const line = lines[index] ?? 1;
    const result = placeRecordSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) issues.push({ file, line, severity: 'error', message: `${issue.path.join('.') || 'record'}: ${issue.message}` });
      return;
    }
    const record = result.data;
    const postcode = record.address ? /\b(\d{5})\b/.exec(record.address)?.[1] : undefined;
    if (record.address && !postcode) issues.push({ file, line, severity: 'error', message: `${record.id}: the address has no postcode (write it like "12 rue …, 93000 Bobigny")` });
    else if (postcode && !postcodes.has(postcode)) issues.push({ file, line, severity: 'error', message: `${record.id}: postcode ${postcode} is not one of ${departementByCode(code)!.nom}` });
    let communeKeys: Set<string> | undefined;
    if (record.communes !== 'all') {
      communeKeys = new Set();
      for (const name of record.communes) {
        const key = placeKey(name);
        if (known.has(key)) communeKeys.add(key);
        else issues.push({ file, line, severity: 'error', message: `${record.id}: "${name}" is not a commune of ${departementByCode(code)!.nom} (write its official name)` });
      }
    }
    records.push({ ...record, departement: code, communeKeys, file, line });
  });
  return records;
}
