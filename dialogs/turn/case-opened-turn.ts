import type { CaseRequest } from '../ports.js';

/**
 * Set in a turn's state when the turn asked for a human: the bot side may then tell a contact-centre
 * platform on the channel (the Bot Framework handoff.initiate event), with the transcript.
 */
export const CASE_OPENED_TURN = Symbol('relais.caseOpenedTurn');

export type CaseOpenedInTurn = Pick<CaseRequest, 'reason' | 'category' | 'priority' | 'departement'>;
