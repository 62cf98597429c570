const MIN_AGE = 10;
const MAX_AGE = 99;

/** The age, when it could be a young person's (answers such as "150" or "3" are not ages). */
export function plausibleAge(age: number): number | undefined {
  return Number.isFinite(age) && age >= MIN_AGE && age <= MAX_AGE ? age : undefined;
}
