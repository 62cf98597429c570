import type { Choice } from './choices.js';

/** What the bot remembers during one conversation (conversation state). */
export interface ConversationData {
  /** Ids of the last activities answered, to ignore a re-sent one. */
  seenActivityIds?: string[];
  /** Département given in this conversation, when the young person did not want it remembered. */
  departement?: string;
  /** The commune the young person named in this conversation (never remembered): the nearest places first. */
  commune?: string;
  /** The choices offered by the last reply, so "2" or a button label can be understood. */
  choices?: Choice[];
  /** The last question answered and its entry, for "plus de détails", "c'est où ?", "et pour ...". */
  lastQuestion?: string;
  lastEntryId?: string;
  lastAnswerWasLocal?: boolean;
  /** A question waiting for the département before it can be answered with local places. */
  pendingQuestion?: string;
  /** A request for a human waits for the département (its référents answer). */
  humanRequestPending?: boolean;
  /** Consecutive questions the base could not answer. */
  notFoundInARow?: number;
  /** Timestamps (ms) of recent messages, to notice a burst. */
  recentMessages?: number[];
  burstNoticeSent?: boolean;
  language?: 'fr' | 'en';
  /** The short English welcome was sent (the first welcome is in French, before any word is read). */
  englishWelcomed?: boolean;
  profileOffered?: boolean;
}

export type Situation = 'in_care' | 'cjm' | 'left_care';

/** What the bot remembers about the young person across conversations (user state), only with consent. */
export interface UserProfile {
  departement?: string;
  age?: number;
  /** When the age was given, to let it grow with time. */
  ageGivenOn?: string;
  situation?: Situation;
  profileDeclined?: boolean;
}

/** The age today, from the age given and the date it was given. */
export function currentAge(profile: UserProfile, today: Date = new Date()): number | undefined {
  if (profile.age === undefined) return undefined;
  if (!profile.ageGivenOn) return profile.age;
  const years = Math.floor((today.getTime() - Date.parse(profile.ageGivenOn)) / (365.25 * 24 * 3600 * 1000));
  return profile.age + Math.max(0, years);
}
