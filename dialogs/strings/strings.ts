import { en } from './en.js';
import { fr, type Strings } from './fr.js';

export type Language = 'fr' | 'en';

/** The strings for a language: English where it exists, French for the rest. */
export function stringsFor(language: Language): Strings {
  return language === 'en' ? ({ ...fr, ...en } as unknown as Strings) : fr;
}

export { fr };
export type { Strings };
