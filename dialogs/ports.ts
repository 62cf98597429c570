import type { Answer } from '../knowledge/answer/answer.js';
import type { AnswerOptions } from '../knowledge/knowledge-base.js';
import type { Menu } from '../knowledge/content/menu.js';
import type { CrisisCategory } from './safety/crisis-detector.js';

/**
 * What the conversation needs from the outside world, as small interfaces (ports).
 * bot/ implements them on the knowledge base and the database; tests may use their own.
 */

/** Finds a cited answer for a question (knowledge/KnowledgeBase implements it). */
export interface KnowledgePort {
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
  /** Title of an entry, for buttons; undefined when the entry does not exist. */
  titleOf(entryId: string): string | undefined;
  /** The entry's button label: its short title, else its title. */
  labelOf(entryId: string): string | undefined;
  /** The theme buttons and the age rules, as editors set them (knowledge/menu.yaml). */
  menu(): Menu;
}

/** Priority of a request for a human: 1 is a crisis, handled first. */
export type CasePriority = 1 | 2 | 3;

export interface CaseRequest {
  /** Pseudonymous reference of the young person (a hash, never the channel id). */
  userRef: string;
  conversationId: string;
  channelId: string;
  reason: 'crisis' | 'human_request' | 'not_found';
  category?: CrisisCategory;
  priority: CasePriority;
  departement?: string;
  /** What the young person chose to tell the bot, shown to the référent. */
  shared?: { age?: number; situation?: string };
}

/** What a young person can honestly be told after a request for a human: who, and when. */
export type ReplyExpectation =
  /** The team is on duty: someone usually answers within this delay. */
  | { kind: 'on_duty'; withinMinutes: number }
  /**
   * Outside opening hours: nobody reads it before opensAt. writeFirst: the channel stops letting the team write
   * before then (WhatsApp: 24 h after the young person's last message), so they must write again at that time.
   */
  | { kind: 'off_duty'; opensAt: Date; timeZone: string; writeFirst?: boolean }
  /** A référent already holds this conversation. */
  | { kind: 'in_charge'; name: string }
  /** No référent covers this département: promise nothing, point elsewhere. */
  | { kind: 'nobody' };

/** Requests for a référent, handled in the console (bot/handoff). */
export interface CaseDesk {
  /** Opens (or raises the priority of) the conversation's case, and says what to promise. */
  open(request: CaseRequest): Promise<ReplyExpectation>;
  /** True while a référent owns the conversation: the bot then stays silent. */
  isHumanInCharge(conversationId: string): Promise<boolean>;
}

export interface FeedbackRecord {
  userRef: string;
  kind: 'helpful' | 'not_helpful' | 'unanswered';
  /** The question, with personal data already redacted. */
  question: string;
  entryId?: string;
  reason?: string;
  departement?: string;
  confidence?: number;
}

/** What editors read to improve the base: thumbs and unanswered questions. */
export interface FeedbackLog {
  record(record: FeedbackRecord): Promise<void>;
}

export interface ErasedCounts {
  activities: number;
  feedback: number;
  cases: number;
}

/** Erases what the database keeps about a young person outside the bot state (transcripts, feedback, cases). */
export interface PersonalDataEraser {
  erase(person: { userRef: string; channelId: string; userId: string }): Promise<ErasedCounts>;
}
