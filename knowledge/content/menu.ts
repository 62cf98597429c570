import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { idSchema } from './field-schemas.js';
import type { ContentIssue } from './load-entries.js';

export const MENU_FILE = 'menu.yaml';

/** knowledge/menu.yaml, as editors write it: the theme buttons and the rules that use the young person's age. */
const menuSchema = z
  .object({
    themes: z.array(z.object({ label: z.string().min(2).max(32), entries: z.array(idSchema).min(1) }).strict()).min(1),
    age_rules: z
      .object({
        ask_profile_after: z.array(idSchema).default([]),
        until_21: z.array(idSchema).default([]),
        leaving_checklist: idSchema.optional(),
      })
      .strict(),
  })
  .strict();

export interface Menu {
  themes: ReadonlyArray<{ label: string; entryIds: readonly string[] }>;
  /** Entries after which the optional profile is offered. */
  askProfileAfter: ReadonlySet<string>;
  /** Entries about support until 21, where the age changes the answer. */
  until21: ReadonlySet<string>;
  leavingChecklist?: string;
}

export const EMPTY_MENU: Menu = { themes: [], askProfileAfter: new Set(), until21: new Set() };

export interface LoadedMenu {
  menu: Menu;
  issues: ContentIssue[];
  /** Raw text, for the content hash. */
  text: string;
}

/** Reads and validates knowledge/menu.yaml; an invalid file is reported and the menu is empty (the answers still work). */
export function loadMenu(knowledgeDir: string): LoadedMenu {
  const full = path.join(knowledgeDir, MENU_FILE);
  return existsSync(full) ? parseMenu(readFileSync(full, 'utf8')) : { menu: EMPTY_MENU, issues: [], text: '' };
}

/** The menu a text describes (an editor's draft, or the file). */
export function parseMenu(text: string): LoadedMenu {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return { menu: EMPTY_MENU, text, issues: [{ file: MENU_FILE, line: doc.errors[0]!.linePos?.[0]?.line ?? 1, severity: 'error', message: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` }] };
  const parsed = menuSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return { menu: EMPTY_MENU, text, issues: parsed.error.issues.map((i) => ({ file: MENU_FILE, line: lineOfPath(doc, lineCounter, i.path), severity: 'error' as const, message: `${i.path.join('.')}: ${i.message}` })) };
  }
  const { themes, age_rules: rules } = parsed.data;
  return {
    text,
    issues: [],
    menu: { themes: themes.map((t) => ({ label: t.label, entryIds: t.entries })), askProfileAfter: new Set(rules.ask_profile_after), until21: new Set(rules.until_21), leavingChecklist: rules.leaving_checklist },
  };
}

/** Every entry id the menu names that is not an entry: a button that would lead nowhere, or a rule that never applies. */
export function checkMenu(loaded: LoadedMenu, entryIds: ReadonlySet<string>): ContentIssue[] {
  const { menu } = loaded;
  const named = [
    ...menu.themes.flatMap((t) => t.entryIds.map((id) => ({ id, where: `themes (${t.label})` }))),
    ...[...menu.askProfileAfter].map((id) => ({ id, where: 'age_rules.ask_profile_after' })),
    ...[...menu.until21].map((id) => ({ id, where: 'age_rules.until_21' })),
    ...(menu.leavingChecklist ? [{ id: menu.leavingChecklist, where: 'age_rules.leaving_checklist' }] : []),
  ];
  const lines = loaded.text.split('\n');
  return named
    .filter(({ id }) => !entryIds.has(id))
    .map(({ id, where }) => ({ file: MENU_FILE, line: Math.max(1, lines.findIndex((l) => new RegExp(`\\b${id}\\b`).test(l)) + 1), severity: 'error' as const, message: `${where}: unknown entry "${id}"` }));
}

function lineOfPath(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, at: ReadonlyArray<PropertyKey>): number {
  const node = doc.getIn(at.filter((k): k is string | number => typeof k !== 'symbol'), true) as { range?: [number] } | undefined;
  return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
}
