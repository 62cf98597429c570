import { createRequire } from 'node:module';
import { plausibleAge } from './plausible-age.js';

// The recognizers ship CommonJS only.
const require = createRequire(import.meta.url);
const { NumberWithUnitRecognizer } = require('@microsoft/recognizers-text-number-with-unit') as typeof import('@microsoft/recognizers-text-number-with-unit');
const { DateTimeRecognizer } = require('@microsoft/recognizers-text-date-time') as typeof import('@microsoft/recognizers-text-date-time');

interface ModelResult {
  typeName: string;
  resolution?: { value?: string; unit?: string; values?: Array<{ type?: string; value?: string }> };
}
interface Model {
  parse(query: string, referenceDate?: Date): ModelResult[];
}

/**
 * Reads an age from "19 ans", "dix-neuf ans" or a date of birth ("né le 3 mars 2006") with Microsoft's French
 * recognizers. The first parses take seconds (lazy set-up inside the models), the next ones 1 to 20 ms: it runs in
 * the age recognizer's worker thread (age-recognizer.ts), warmed there at start-up.
 */
export class FrenchAgeParser {
  private readonly ageModel: Model;
  private readonly dateModel: Model;

  constructor() {
    // Lazy: only the two models used here are built, not every French model of the two packages.
    this.ageModel = new NumberWithUnitRecognizer('fr-fr', undefined, true).getAgeModel() as Model;
    this.dateModel = new DateTimeRecognizer('fr-fr', undefined, true).getDateTimeModel() as Model;
  }

  /** Runs each model on the shapes of answer it meets, so that the first young person does not wait for their set-up. */
  warm(): void {
    for (const text of ["j'ai 19 ans", 'dix-neuf ans', 'né le 3 mars 2006', 'le 12/04/2005']) this.recognize(text, new Date('2026-01-01'));
  }

  /** The age in years, or undefined when the text holds no plausible age or date of birth. */
  recognize(text: string, today: Date = new Date()): number | undefined {
    const input = text.slice(0, 200);
    const fromAge = this.ageModel.parse(input).find((r) => r.typeName === 'age' && /^(ans?|year)/i.test(r.resolution?.unit ?? '') && r.resolution?.value !== undefined);
    if (fromAge) return plausibleAge(Math.floor(Number(fromAge.resolution!.value)));
    const birth = this.birthDate(input, today);
    if (birth) return plausibleAge(yearsBetween(birth, today));
    const bare = /^\s*(\d{2})\s*$/.exec(input);
    return bare ? plausibleAge(Number(bare[1])) : undefined;
  }

  private birthDate(text: string, today: Date): Date | undefined {
    for (const result of this.dateModel.parse(text, today)) {
      const value = result.resolution?.values?.find((v) => v.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v.value ?? ''))?.value;
      if (value) return new Date(`${value}T00:00:00Z`);
    }
    // "née en 2006": a year alone is enough for an age within one year.
    const year = /\b(?:ne|née|nee|né|born)\b.*\b(19[5-9]\d|20[0-2]\d)\b/i.exec(text)?.[1];
    return year ? new Date(`${year}-07-01T00:00:00Z`) : undefined;
  }
}

function yearsBetween(birth: Date, today: Date): number {
  let years = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = today.getUTCMonth() < birth.getUTCMonth() || (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}
