import { currentAge, type UserProfile } from './conversation-data.js';

export type LeavingMoment = 'seventeen' | 'eighteen' | 'cjm';

/**
 * When the young person's profile says leaving care is near, the moment to offer the checklist: at 17 (the year of
 * the interview before majority), at 18 while still in care, and during a contrat jeune majeur (it ends at 21 at the
 * latest). Nothing without an age or a situation given, and nothing once they have left care.
 */
export function leavingMoment(profile: UserProfile, today: Date): LeavingMoment | undefined {
  if (profile.situation === 'left_care') return undefined;
  const age = currentAge(profile, today);
  if (profile.situation === 'cjm' && (age === undefined || age < 21)) return 'cjm';
  if (age === 17) return 'seventeen';
  if (age === 18) return 'eighteen';
  return undefined;
}
