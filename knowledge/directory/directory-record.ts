import { z } from 'zod';
import { httpsUrl as url, idSchema, isoDate } from '../content/field-schemas.js';
import { isWellFormedPhone } from '../content/phone-number.js';

/** The kinds of places the directory holds, with the name a young person reads. */
export const PLACE_TYPES = {
  mission_locale: 'Mission locale',
  caf: 'CAF',
  cpam: 'CPAM (Assurance maladie)',
  ase: "Aide sociale à l'enfance (département)",
  adil: 'ADIL (conseil logement)',
  pass: "PASS (soins à l'hôpital sans couverture)",
  maison_des_adolescents: 'Maison des adolescents',
  fjt: 'Foyer de jeunes travailleurs',
  adepape: 'ADEPAPE (entraide des anciens de l’ASE)',
  cidff: 'CIDFF (droits des femmes et des familles)',
  point_justice: 'Point-justice (conseil juridique gratuit)',
  siao: 'SIAO (hébergement, 115)',
} as const;

export type PlaceType = keyof typeof PLACE_TYPES;
export const placeTypeSchema = z.enum(Object.keys(PLACE_TYPES) as [PlaceType, ...PlaceType[]]);

/** One place, as editors write it in knowledge/directory/<département>.yaml (see docs/knowledge-format.md). */
export const placeRecordSchema = z
  .object({
    id: idSchema,
    type: placeTypeSchema,
    name: z.string().min(3).max(120),
    address: z.string().min(5).optional(),
    /** "all" when it serves the whole département, else the communes it serves (their official names). */
    communes: z.union([z.literal('all'), z.array(z.string().min(2)).min(1)]),
    phone: z.coerce
      .string()
      .refine(isWellFormedPhone, 'write it like "3230" or "01 23 45 67 89"')
      .optional(),
    hours: z.string().min(3).optional(),
    url: url.optional(),
    /** The page this record was checked against on verified_on. */
    source: url,
    verified_on: isoDate,
  })
  .strict();

export const directoryFileSchema = z
  .object({
    departement: z.coerce.string(),
    records: z.array(z.unknown()),
  })
  .strict();

export interface PlaceRecord extends z.infer<typeof placeRecordSchema> {
  departement: string;
  /** Folded names of the communes served, or undefined for the whole département. */
  communeKeys?: ReadonlySet<string>;
  /** File and line it was read from, for kb:check messages. */
  file: string;
  line: number;
}
