import { placeKey } from '../territory/departements.js';
import type { PlaceRecord, PlaceType } from './directory-record.js';

/** What "near you" may hold: a few places, or a hint that the commune would choose among many. */
export interface NearbyPlaces {
  places: PlaceRecord[];
  /** Places of these kinds in the département that the commune would narrow down (0 when it is known or not needed). */
  narrowableBy: number;
}

/** Most places listed under one answer: a phone screen, not a directory. */
export const MAX_NEARBY = 3;

/** The places of the directory, looked up by kind, département and commune. */
export class LocalDirectory {
  private readonly byDepartement = new Map<string, PlaceRecord[]>();

  constructor(records: readonly PlaceRecord[]) {
    for (const record of records) this.byDepartement.set(record.departement, [...(this.byDepartement.get(record.departement) ?? []), record]);
  }

  get size(): number {
    let total = 0;
    for (const list of this.byDepartement.values()) total += list.length;
    return total;
  }

  /** How many places of a département it holds. */
  countIn(departement: string): number {
    return this.byDepartement.get(departement.toUpperCase())?.length ?? 0;
  }

  /**
   * Places of the given kinds in the département. With a commune: those serving it, and those serving the
   * whole département. Without one: the département-wide places, and the local ones when they are few enough
   * to list; otherwise their count, so the reply can ask for the commune instead of listing them all.
   */
  nearby(types: readonly PlaceType[], departement: string, commune?: string): NearbyPlaces {
    const candidates = (this.byDepartement.get(departement.toUpperCase()) ?? []).filter((r) => types.includes(r.type));
    const wide = candidates.filter((r) => !r.communeKeys);
    const local = candidates.filter((r) => r.communeKeys);
    if (commune) {
      const key = placeKey(commune);
      const serving = local.filter((r) => r.communeKeys!.has(key));
      return { places: [...serving, ...wide].slice(0, MAX_NEARBY), narrowableBy: 0 };
    }
    if (wide.length + local.length <= MAX_NEARBY) return { places: [...wide, ...local], narrowableBy: 0 };
    return { places: wide.slice(0, MAX_NEARBY), narrowableBy: local.length };
  }
}
