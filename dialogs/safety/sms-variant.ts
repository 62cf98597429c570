/**
 * The same message as typed fast on a phone: "je suis" → "jsuis", "j'ai" → "g", "pour" → "pr", no "ne",
 * "-er" endings written "é" ("frapper" → "frappé"). The classifier trains on this variant of each crisis
 * example too: fresh sets written in SMS spelling were where it missed most. Chosen by training without one
 * fresh set at a time (fresh 6, 8 and 9 left out in turn, fresh 9 then still apart): 277/288 detected by the
 * classifier alone against 273/288 without the variants, with 5/330 false alarms against 4/330.
 */
const SHORTHANDS: Array<[RegExp, string]> = [
  [/\bje suis\b/g, 'jsuis'],
  [/\bj'ai\b/g, 'g'],
  [/\bc'est\b/g, 'c'],
  [/\bqu'/g, 'k'],
  [/\bque\b/g, 'ke'],
  [/\bpas\b/g, 'pa'],
  [/\bpour\b/g, 'pr'],
  [/\bbeaucoup\b/g, 'bcp'],
  [/\bquoi\b/g, 'koi'],
  [/\btout\b/g, 'tt'],
  [/\bje vais\b/g, 'jvais'],
  [/\bje veux\b/g, 'jveux'],
  [/\bje sais\b/g, 'jsais'],
  [/\bdans\b/g, 'ds'],
  [/\bmoi\b/g, 'mwa'],
  // Without the u flag \b treats "é" as a non-letter, so this first pattern matches an "é" followed by a letter
  // ("épuisé" → "erpuisé"): noise rather than SMS spelling. Kept because it is what was measured. Rerun with
  // fresh 9 in the other folds: as written, 275/288 alone, 283/288 with the rules, 5/330 false alarms; with
  // only "-er" → "é", 277/288, 283/288 and 6/330: no difference worth a change.
  [/é\b/g, 'er'],
  [/er\b/g, 'é'],
  [/\bne /g, ''],
  [/[.,!?]/g, ''],
  [/\bparce que\b/g, 'pcq'],
];

/** The message in SMS spelling, or undefined when nothing changes. */
export function smsVariant(text: string): string | undefined {
  const lower = text.toLowerCase();
  let variant = lower;
  for (const [pattern, shorthand] of SHORTHANDS) variant = variant.replace(pattern, shorthand);
  return variant === lower ? undefined : variant;
}
