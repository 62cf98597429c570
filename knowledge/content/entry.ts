import { z } from 'zod';
import { placeTypeSchema } from '../directory/directory-record.js';
import { httpsUrl as url, idSchema, isoDate } from './field-schemas.js';

export const THEMES = ['droits', 'argent', 'logement', 'sante', 'emploi', 'papiers', 'urgence', 'vie-quotidienne', 'entraide'] as const;
export type Theme = (typeof THEMES)[number];

/** Front matter of a knowledge-base entry, as editors write it (see docs/knowledge-format.md). */
export const entrySchema = z
  .object({
    id: idSchema,
    title: z.string().min(3).max(120),
    /** The label of a button that offers this entry: short enough to be read whole on a phone. */
    short_title: z.string().min(2).max(32).optional(),
    theme: z.enum(THEMES),
    scope: z.union([z.literal('national'), z.array(z.coerce.string()).min(1)]),
    questions: z.array(z.string().min(2)).min(3, 'at least 3 questions'),
    keywords: z.array(z.coerce.string()).min(1),
    answer: z.string().min(10),
    links: z.array(z.object({ label: z.string().min(1), url })).default([]),
    contacts: z
      .array(
        z
          .object({ label: z.string().min(1), phone: z.coerce.string().optional(), url: url.optional(), hours: z.string().optional() })
          .refine((c) => c.phone || c.url, 'a contact needs a phone or a url'),
      )
      .default([]),
    sources: z.array(z.object({ title: z.string().min(1), publisher: z.string().min(1), url })).min(1, 'at least one source'),
    verified_on: isoDate,
    review_by: isoDate,
    related: z.array(z.string()).default([]),
    /** Kinds of places this entry sends the young person to: the directory's nearby ones are shown under it. */
    directory: z.array(placeTypeSchema).default([]),
    // The structured fiche: optional typed fields beside the Markdown, checked by kb:check and shown in the details.
    /** In force, ended (on date), or a change announced (in note, from date when known). */
    status: z
      .object({
        state: z.enum(['in_force', 'ended', 'announced']),
        date: isoDate.optional(),
        note: z.string().min(10).optional(),
        /** Entries about what exists instead, offered first. */
        instead: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    for_whom: z.string().min(3).optional(),
    conditions: z.array(z.string().min(3)).min(1).optional(),
    amounts: z
      .array(z.object({ label: z.string().min(2), value: z.number().positive(), unit: z.enum(['€', '€ par mois', '€ par an', '€ par jour']), in_force_from: isoDate, source: url }).strict())
      .min(1)
      .optional(),
    deadlines: z.array(z.string().min(3)).min(1).optional(),
    where_to_apply: z.string().min(3).optional(),
    legal_basis: z.array(z.object({ label: z.string().min(2), url }).strict()).min(1).optional(),
  })
  .strict();

export type EntryFrontMatter = z.infer<typeof entrySchema>;

export interface Entry extends EntryFrontMatter {
  /** Details in Markdown. */
  body: string;
  /** File it was read from, relative to the project (or "generated:<what>"). */
  file: string;
  /** Département codes, or undefined for a national entry. */
  departements?: string[];
  /** Line of each front-matter field in the file, for kb:check messages. */
  fieldLines?: Record<string, number>;
}

export const isNational = (entry: Entry): boolean => entry.departements === undefined;
