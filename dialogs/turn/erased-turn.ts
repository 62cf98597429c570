/**
 * Set in a turn's state when the young person's data was erased during that turn: whatever records
 * the conversation around the bot (the transcript for référents) must then keep nothing of it.
 */
export const ERASED_TURN = Symbol('relais.erasedTurn');

/** The event sent after an erase, so the web page clears the messages it still shows. */
export const ERASED_EVENT = 'relais.erased';
