import { z } from 'zod';

/** The field types editors write in entries and directory records, with the messages kb:check prints. */

/** A date as YYYY-MM-DD (YAML may read it as a Date: it is written back the same way). */
export const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)), 'must be a date YYYY-MM-DD');

export const httpsUrl = z.string().refine((value) => /^https:\/\/[^\s/$.?#].[^\s]*$/i.test(value), 'must be an https:// URL');

export const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and "-" only');
