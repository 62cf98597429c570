/** What a référent sends to a young person, on whatever channel they wrote from. */
/** senderName absent: the bot speaks (a notice such as "Sarah a rejoint la conversation"). */
export type OutgoingMessage = { kind: 'text'; text: string; senderName?: string } | { kind: 'typing'; senderName: string };

/** The one door for messages that do not come from the bot's turn (a référent's, a hand-back notice). */
/**
 * When a channel only lets the service write for a while after the young person's last message (WhatsApp: 24 h):
 * 'open' until `until`, 'closed' past it (they must write first), 'gone' once their data is erased.
 */
export interface ReplyWindow {
  state: 'open' | 'closed' | 'gone';
  until?: string;
}

export interface Delivery {
  /** seen: the young person's chat is open and showed it now; false when it waits for them to come back. */
  send(conversation: { conversationId: string; channelId: string }, message: OutgoingMessage): Promise<{ seen: boolean }>;
  /** The reply window of the conversation's channel; undefined where a référent may always write. */
  replyWindow(conversation: { conversationId: string; channelId: string }): Promise<ReplyWindow | undefined>;
}
