import { createRequire } from 'node:module';
import { foldText } from '../search/fold-text.js';

const require = createRequire(import.meta.url);

export interface Departement {
  code: string;
  nom: string;
}

export interface Commune {
  nom: string;
  departement: string;
  population: number;
  codesPostaux: string[];
}

interface RawDepartement {
  code: string;
  nom: string;
  zone: string;
}

interface RawCommune {
  nom: string;
  departement?: string;
  population?: number;
  type: string;
  codesPostaux?: string[];
}

/** The 101 départements (metropolitan France and the five DROM), from @etalab/decoupage-administratif. */
export const departements: readonly Departement[] = (require('@etalab/decoupage-administratif/data/departements.json') as RawDepartement[])
  .filter((d) => d.zone === 'metro' || d.zone === 'drom')
  .map((d) => ({ code: d.code, nom: d.nom }));

const byCode = new Map(departements.map((d) => [d.code, d]));

export function departementByCode(code: string): Departement | undefined {
  return byCode.get(code.toUpperCase());
}

export function isDepartementCode(code: string): boolean {
  return byCode.has(code.toUpperCase());
}

let communeCache: Commune[] | undefined;

/** Current communes and municipal arrondissements (Paris, Lyon, Marseille), loaded on first use. */
export function communes(): Commune[] {
  communeCache ??= (require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[])
    .filter((c) => (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') && c.departement && byCode.has(c.departement))
    .map((c) => ({ nom: c.nom, departement: c.departement!, population: c.population ?? 0, codesPostaux: c.codesPostaux ?? [] }));
  return communeCache;
}

/** Folded name ("saint denis") of a place, the key used to match what young people type. */
export function placeKey(name: string): string {
  return foldText(name).replace(/['’-]/g, ' ').replace(/\s+/g, ' ').trim();
}
