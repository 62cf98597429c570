import path from 'node:path';
import { stringify } from 'yaml';
import { checkEntries } from './check-entries.js';
import type { Entry } from './entry.js';
import { loadEntries, parseEntry, TOP_LEVEL_KEY, type ContentIssue } from './load-entries.js';
import { OfficialSources } from './official-sources.js';
import { directoryEntries } from '../territory/directory-entries.js';

/** An entry as the editors' workspace sends it: the front-matter fields and the Markdown body. */
export interface EntryEdit {
  frontMatter: Record<string, unknown>;
  body: string;
}

export interface CheckedEdit {
  /** kb:check's messages about this entry; an edit with an error is never published. */
  issues: ContentIssue[];
  /** Where the entry is written, relative to the knowledge folder. */
  file: string;
  /** The file's text, front matter then body, as an editor would write it by hand. */
  text: string;
}

/** The file of an entry: knowledge/local/<département>/<id>.md for a local one, else entries/<theme>/<id>.md. */
export function entryFile(frontMatter: Record<string, unknown>): string {
  const id = String(frontMatter.id ?? '');
  const scope = frontMatter.scope;
  if (Array.isArray(scope) && scope.length > 0) return path.join('local', String(scope[0]).toUpperCase(), `${id}.md`);
  return path.join('entries', String(frontMatter.theme ?? ''), `${id}.md`);
}

export function entryFileText({ frontMatter, body }: EntryEdit): string {
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body.trim()}\n`;
}

/**
 * Checks an edit as kb:check would, against the rest of the base (ids, related entries, official sources,
 * dates): the same messages an editor gets in a terminal. `file` keeps an existing entry where it is.
 */
export function checkEntryEdit(knowledgeDir: string, folders: string[], edit: EntryEdit, today: string, file = entryFile(edit.frontMatter)): CheckedEdit {
  return checkEntryText(knowledgeDir, folders, file, entryFileText(edit), today);
}

/** The same checks on a file's whole text (a version to restore). */
export function checkEntryText(knowledgeDir: string, folders: string[], file: string, text: string, today: string): CheckedEdit {
  const parsed = parseEntry(file, text);
  if (!parsed.entry) return { issues: parsed.issues, file, text };
  const others = loadEntries(knowledgeDir, folders).entries.filter((e) => e.file !== file && e.id !== parsed.entry!.id);
  const all: Entry[] = [...others, parsed.entry];
  const issues = checkEntries([...all, ...directoryEntries(all)], OfficialSources.load(knowledgeDir), today).filter((i) => i.file === file);
  return { issues: [...parsed.issues, ...issues], file, text };
}

/**
 * The form field a line of an entry's file belongs to: the top-level front-matter key whose block holds it,
 * "body" after the closing fence. The editors' form shows messages by field, not by line of a file they never see.
 */
export function fieldOfLine(text: string, line: number): string {
  const lines = text.split('\n');
  let field = 'id';
  for (let index = 1; index < Math.min(line, lines.length + 1); index += 1) {
    const current = lines[index - 1]!;
    if (index > 1 && current.trimEnd() === '---') return 'body';
    const key = TOP_LEVEL_KEY.exec(current)?.[1];
    if (key) field = key;
  }
  const own = TOP_LEVEL_KEY.exec(lines[line - 1] ?? '')?.[1];
  return own ?? field;
}
