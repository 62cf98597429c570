import { closest, distance } from 'fastest-levenshtein';
import { communes, departementByCode, departements, placeKey, type Departement } from '../../knowledge/territory/departements.js';

export type PlaceRecognition =
  | { kind: 'found'; departement: Departement; place: string }
  | { kind: 'ambiguous'; place: string; options: Array<{ departement: Departement; label: string }> };

/** Words that introduce a place: "je suis à", "j'habite", "dans le", "j'ai déménagé à"... */
const TRIGGER =
  /\b(?:je suis|jsuis|jsui|chui|je vis|j'habite|j habite|jhabite|habite|j'ai demenage|j ai demenage|jai demenage|demenage|je viens de demenager|je me suis installe|installe|je bosse|je travaille|j'suis|sur|vers|pres de|a cote de|dans le|dans la|dans l'|dans les|dans|du|de la|en|au|aux|a|à|le|la|departement|dept|dep)\s+(?:a |à |au |en |dans (?:le |la |l')?|sur |le |la |l')?/g;

/** Town names that are also everyday words: never a place in free text. */
const COMMON_WORDS = new Set(['rue', 'gare', 'poste', 'la poste', 'ecole', 'foyer', 'fac', 'mer', 'plage', 'port', 'pont', 'ville', 'centre', 'cite', 'marche', 'mission', 'maison', 'france', 'banque', 'sante', 'bourse', 'travail', 'hopital', 'eglise']);

interface Candidate {
  departement: string;
  population: number;
  label: string;
}

/**
 * Finds the département a young person is talking about, from a commune (accents and typos tolerated),
 * a postal code, a number ("dans le 93", "le 9-3", "2A"), or a département name. Never guesses between
 * two real places of similar size: it returns the options instead.
 */
export class DepartementRecognizer {
  private readonly byName = new Map<string, Candidate[]>();
  private readonly byPostalCode = new Map<string, Set<string>>();
  private readonly fuzzyNames: NamesByLength;
  private readonly departementNames = new Map<string, Departement>();
  private readonly departementKeys: NamesByLength;

  constructor() {
    for (const d of departements) this.departementNames.set(placeKey(d.nom), d);
    this.departementKeys = new NamesByLength([...this.departementNames.keys()]);
    for (const c of communes()) {
      const key = placeKey(c.nom.replace(/ \d+(er|e) Arrondissement$/i, ''));
      const list = this.byName.get(key) ?? [];
      if (!list.some((x) => x.departement === c.departement)) list.push({ departement: c.departement, population: c.population, label: c.nom });
      else {
        const same = list.find((x) => x.departement === c.departement)!;
        same.population = Math.max(same.population, c.population);
      }
      this.byName.set(key, list);
      for (const cp of c.codesPostaux) {
        const set = this.byPostalCode.get(cp) ?? new Set<string>();
        set.add(c.departement);
        this.byPostalCode.set(cp, set);
      }
    }
    // Typos are matched only against towns big enough to be what someone means.
    this.fuzzyNames = new NamesByLength([...this.byName].filter(([key, list]) => list.some((c) => c.population >= 5000) && key.length >= 4).map(([key]) => key));
  }

  /**
   * prompted: the young person answers "where do you live?", so any commune counts; in free text,
   * small communes and town names that are also common words ("Rue", "La Poste") are ignored.
   */
  recognize(text: string, options: { prompted?: boolean } = {}): PlaceRecognition | undefined {
    const folded = placeKey(text).replace(/[?!.,;:]/g, ' ').replace(/\s+/g, ' ').trim();
    if (!folded) return undefined;
    this.prompted = options.prompted ?? false;
    return this.fromPostalCode(folded) ?? this.fromNumber(folded) ?? this.fromNames(folded);
  }

  private prompted = false;

  private fromPostalCode(text: string): PlaceRecognition | undefined {
    const match = /\b(\d{5})\b/.exec(text);
    if (!match) return undefined;
    const codes = [...(this.byPostalCode.get(match[1]!) ?? [])];
    if (codes.length === 1) return this.found(codes[0]!, match[1]!);
    if (codes.length > 1) return { kind: 'ambiguous', place: match[1]!, options: codes.map((c) => ({ departement: departementByCode(c)!, label: `${departementByCode(c)!.nom} (${c})` })) };
    return undefined;
  }

  private fromNumber(text: string): PlaceRecognition | undefined {
    // "dans le 93", "le 9-3", "le 9 3", "departement 59", "2a", or just "93".
    const match = /(?:^|\b(?:dans le|le|du|departement|dept|dep|en)\s+)(\d)\s?-?\s?(\d)\b|(?:^|\s)(2a|2b|97[1-6])\b/.exec(text);
    if (match) {
      const code = match[3] ? match[3].toUpperCase() : `${match[1]}${match[2]}`;
      const alone = /^\d\s?-?\s?\d$|^(2a|2b|97[1-6])$/.test(text);
      if ((alone || match[0].trim().length > 2 || match[3]) && departementByCode(code)) return this.found(code, code);
    }
    return undefined;
  }

  private fromNames(text: string): PlaceRecognition | undefined {
    const words = text.split(' ');
    const starts: number[] = [0];
    for (const m of text.matchAll(TRIGGER)) {
      const end = (m.index ?? 0) + m[0].length;
      starts.push(text.slice(0, end).split(' ').filter(Boolean).length);
    }
    const aloneMessage = words.length <= 4;
    for (const start of [...new Set(starts)].sort((a, b) => b - a)) {
      const afterTrigger = start > 0;
      if (!afterTrigger && !aloneMessage) continue;
      for (let len = Math.min(5, words.length - start); len >= 1; len -= 1) {
        const phrase = words.slice(start, start + len).join(' ');
        // Without a trigger, the whole short message must be the place ("Montreuil", "seine saint denis").
        if (!afterTrigger && len !== words.length) continue;
        const found = this.fromPhrase(phrase, afterTrigger || aloneMessage);
        if (found) return found;
      }
    }
    return undefined;
  }

  private fromPhrase(phrase: string, allowFuzzy: boolean): PlaceRecognition | undefined {
    if (phrase.length < 3) return undefined;
    const departement = this.departementNames.get(phrase);
    const communesNamed = this.prompted ? this.byName.get(phrase) : this.byName.get(phrase)?.filter((c) => c.population >= 2000 && !COMMON_WORDS.has(phrase));
    if (departement && !communesNamed?.length) return { kind: 'found', departement, place: departement.nom };
    if (communesNamed?.length) return this.choose(phrase, communesNamed, departement);
    if (allowFuzzy && phrase.length >= 5) {
      const maxDistance = phrase.length >= 9 ? 2 : 1;
      const guess = closestWithin(phrase, this.fuzzyNames, maxDistance);
      if (guess) return this.choose(guess, this.byName.get(guess)!, undefined);
      const depGuess = closestWithin(phrase, this.departementKeys, maxDistance);
      if (depGuess) return { kind: 'found', departement: this.departementNames.get(depGuess)!, place: depGuess };
    }
    return undefined;
  }

  private choose(phrase: string, candidates: Candidate[], departement: Departement | undefined): PlaceRecognition {
    const sorted = [...candidates].sort((a, b) => b.population - a.population);
    const [first, second] = sorted;
    if (departement && !sorted.some((c) => c.departement === departement.code && c.population >= (first?.population ?? 0) / 5)) {
      return { kind: 'found', departement, place: departement.nom };
    }
    if (!second || first!.population >= 5 * second.population) return this.found(first!.departement, first!.label);
    const options = sorted.filter((c) => c.population >= first!.population / 5).slice(0, 4);
    return {
      kind: 'ambiguous',
      place: first!.label,
      options: options.map((c) => ({ departement: departementByCode(c.departement)!, label: `${c.label} (${c.departement}, ${departementByCode(c.departement)!.nom})` })),
    };
  }

  private found(code: string, place: string): PlaceRecognition {
    return { kind: 'found', departement: departementByCode(code)!, place };
  }
}

/**
 * The closest name within maxDistance edits, or undefined. Only names whose length is within maxDistance can be
 * that close, so only those are compared (the same answer, ties included, for a fraction of the work: this runs
 * on the phrases of many messages).
 */
function closestWithin(phrase: string, names: NamesByLength, maxDistance: number): string | undefined {
  const candidates = names.near(phrase.length, maxDistance);
  if (candidates.length === 0) return undefined;
  const guess = closest(phrase, candidates);
  return distance(guess, phrase) <= maxDistance ? guess : undefined;
}

/** Names grouped by length: the names within a few characters of a length, in their original order, without a scan of all 2 000. */
class NamesByLength {
  private readonly groups = new Map<number, Array<{ name: string; order: number }>>();

  constructor(names: readonly string[]) {
    names.forEach((name, order) => {
      const group = this.groups.get(name.length) ?? [];
      group.push({ name, order });
      this.groups.set(name.length, group);
    });
  }

  /** In the original order, so that the closest of equally close names is the same one as in a scan. */
  near(length: number, maxDistance: number): string[] {
    const found: Array<{ name: string; order: number }> = [];
    for (let l = length - maxDistance; l <= length + maxDistance; l++) found.push(...(this.groups.get(l) ?? []));
    return found.sort((a, b) => a.order - b.order).map((n) => n.name);
  }
}
