import type { Answer } from '../knowledge/answer/answer.js';
import type { AnswerOptions } from '../knowledge/knowledge-base.js';
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
}

/** Requests for a référent. The handoff itself (console, relay) builds on this. */
export interface CaseDesk {
  open(request: CaseRequest): Promise<void>;
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
