/**
 * French numbers as editors must write them: short numbers (15, 115, 3114, 116 006),
 * or ten digits in pairs ("01 23 45 67 89"), or free numbers as their service writes them:
 * "0 800 235 236" or "0 800 23 13 13".
 */
const SHORT = /^(1[0-9]{1,2}|3[0-9]{3}|116 ?[0-9]{3})$/;
const TEN_DIGITS = /^0[1-9]( [0-9]{2}){4}$/;
const FREEPHONE = /^0 ?8[0-9]{2}( [0-9]{3} [0-9]{3}| [0-9]{2} [0-9]{2} [0-9]{2})$/;

export function isWellFormedPhone(phone: string): boolean {
  const value = phone.trim();
  return SHORT.test(value) || TEN_DIGITS.test(value) || FREEPHONE.test(value);
}

/** Digits only, to compare numbers written differently. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
