/** What a référent sends to a young person, on whatever channel they wrote from. */
/** senderName absent: the bot speaks (a notice such as "Sarah a rejoint la conversation"). */
export type OutgoingMessage = { kind: 'text'; text: string; senderName?: string } | { kind: 'typing'; senderName: string };

/** The one door for messages that do not come from the bot's turn (a référent's, a hand-back notice). */
export interface Delivery {
  /** seen: the young person's chat is open and showed it now; false when it waits for them to come back. */
  send(conversation: { conversationId: string; channelId: string }, message: OutgoingMessage): Promise<{ seen: boolean }>;
}
