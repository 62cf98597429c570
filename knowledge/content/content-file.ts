import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDirectory } from '../directory/load-directory.js';
import { directoryEntries } from '../territory/directory-entries.js';
import { placeDateIssues } from './check-content.js';
import { checkEntryText, type CheckedEdit } from './entry-edit.js';
import { CONTENT_FOLDERS, loadEntries } from './load-entries.js';
import { checkMenu, MENU_FILE, parseMenu } from './menu.js';

/** What editors may publish: an entry, a département's directory of places, or the menu and age rules. */
export type ContentFileKind = 'entry' | 'directory' | 'menu';

const DEPARTEMENT = String.raw`(?:\d{2,3}|2A|2B)`;
const KINDS: Array<[ContentFileKind, RegExp]> = [
  ['entry', new RegExp(String.raw`^(?:entries/[a-z0-9-]+|local/${DEPARTEMENT})/[a-z0-9-]+\.md$`)],
  ['directory', new RegExp(String.raw`^directory/${DEPARTEMENT}\.yaml$`)],
  ['menu', new RegExp(`^${MENU_FILE.replace('.', '\\.')}$`)],
];

/** The kind of a file named relative to the knowledge folder; undefined for anything editors may not write (code, sources list, paths out of the folder). */
export function contentFileKind(file: string): ContentFileKind | undefined {
  const normalized = file.split(path.sep).join('/');
  return KINDS.find(([, pattern]) => pattern.test(normalized))?.[0];
}

/**
 * kb:check's checks on one file's new text, against the rest of the base: an entry as checkEntryText does, a
 * directory file with the others (ids unique across files, communes, postcodes, dates), the menu against the
 * entry ids. Only this file's messages are returned.
 */
export function checkContentFile(knowledgeDir: string, file: string, text: string, today: string): CheckedEdit {
  const kind = contentFileKind(file);
  if (kind === 'entry') return checkEntryText(knowledgeDir, CONTENT_FOLDERS, file, text, today);
  if (kind === 'directory') {
    const directory = loadDirectory(knowledgeDir, { file, text });
    const issues = [...directory.issues, ...placeDateIssues(directory.records, today)].filter((i) => i.file === file);
    return { file, text, issues };
  }
  if (kind === 'menu') {
    const menu = parseMenu(text);
    const curated = loadEntries(knowledgeDir, CONTENT_FOLDERS).entries;
    const ids = new Set([...curated, ...directoryEntries(curated)].map((e) => e.id));
    return { file, text, issues: [...menu.issues, ...checkMenu(menu, ids)] };
  }
  return { file, text, issues: [{ file, line: 1, severity: 'error', message: 'this file cannot be published from the editors’ workspace' }] };
}

/**
 * Writes a checked file (the server's watcher, or an explicit reload, then serves it). Returns the text it
 * replaced (undefined for a new file), for the file's history.
 */
export function writeCheckedFile(knowledgeDir: string, checked: CheckedEdit): string | undefined {
  if (checked.issues.some((i) => i.severity === 'error')) throw new Error('writeCheckedFile(): a file with errors is never published');
  if (!contentFileKind(checked.file)) throw new Error(`writeCheckedFile(): ${checked.file} is not a content file`);
  const full = path.join(knowledgeDir, checked.file);
  const previous = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, checked.text);
  return previous;
}

/** The current text of a content file, or undefined when there is none yet. */
export function readContentFile(knowledgeDir: string, file: string): string | undefined {
  if (!contentFileKind(file)) return undefined;
  const full = path.join(knowledgeDir, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}
