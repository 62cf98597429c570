import { ActionTypes, ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import { ChoiceFactory, supportsCardActions, supportsSuggestedActions } from 'botbuilder-dialogs';
import { foldForMatching } from './fold-for-matching.js';

/** What pressing a button (or typing its number) does. */
export type ChoiceAction =
  | { kind: 'ask'; query: string }
  | { kind: 'entry'; entryId: string }
  | { kind: 'details' }
  | { kind: 'feedback'; helpful: boolean }
  | { kind: 'human' }
  | { kind: 'remember'; departement: string; yes: boolean }
  | { kind: 'place'; departement: string }
  | { kind: 'skip' };

export interface Choice {
  label: string;
  action: ChoiceAction;
  /** Other words that pick this choice ("oui" for "Oui, retiens-le"). */
  aliases?: string[];
}

/**
 * Channels botbuilder's table does not know, whose adapters (bot/messaging) turn suggested actions and card
 * buttons into the app's own (WhatsApp: up to 10, as reply buttons or a list), with how many they show.
 */
const OWN_BUTTONS: Readonly<Record<string, number>> = { whatsapp: 10 };
const showsSuggestions = (channelId: string, count: number) => count <= (OWN_BUTTONS[channelId] ?? -1) || supportsSuggestedActions(channelId, count);
const showsCardButtons = (channelId: string, count: number) => count <= (OWN_BUTTONS[channelId] ?? -1) || supportsCardActions(channelId, count);

/** At most this many suggestion buttons under a message: each stays whole on a phone. */
export const MAX_SUGGESTIONS = 3;

/** Choices shown apart from the suggestions, with their own question (the 👍/👎 under an answer). */
export interface ApartChoices {
  prompt: string;
  choices: Choice[];
}

/**
 * A reply with choices, rendered once for the channel: suggested actions (buttons) where the channel
 * supports them, a numbered list in the text elsewhere (SMS-like channels), so "2" works everywhere.
 * Choices "apart" become a small card of their own under the message where cards have buttons, so they are
 * never mixed with the suggestions; elsewhere they follow in the same numbered list.
 */
export function replyWithChoices(channelId: string, text: string, choices: Choice[], apart?: ApartChoices): Partial<Activity> {
  const labels = choices.map((c) => c.label);
  const apartLabels = apart?.choices.map((c) => c.label) ?? [];
  if (choices.length === 0 && apartLabels.length === 0) return { type: ActivityTypes.Message, text };
  const buttons = choices.length === 0 || showsSuggestions(channelId, choices.length);
  const card = apartLabels.length === 0 || showsCardButtons(channelId, apartLabels.length);
  if (buttons && card) {
    const reply: Partial<Activity> = choices.length > 0 ? ChoiceFactory.suggestedAction(labels, text) : { type: ActivityTypes.Message, text };
    if (apart && apartLabels.length > 0) {
      reply.attachments = [CardFactory.heroCard('', apart.prompt, undefined, apartLabels.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label })))];
    }
    return reply;
  }
  return ChoiceFactory.list([...labels, ...apartLabels], apart ? `${text}\n\n${apart.prompt}` : text, undefined, { includeNumbers: true });
}

/** The choice a message picks: its label or an alias (typos of case and accents ignored) or its number. */
export function matchChoice(text: string, choices: Choice[] | undefined): Choice | undefined {
  if (!choices || choices.length === 0) return undefined;
  const folded = foldForMatching(text);
  const number = /^(\d{1,2})$/.exec(folded)?.[1];
  if (number) return choices[Number(number) - 1];
  return choices.find((c) => foldForMatching(c.label) === folded || (c.aliases ?? []).some((a) => foldForMatching(a) === folded));
}

/**
 * A reply with tap-to-call buttons (tel:, sms:): big buttons in a card that stays in the conversation where
 * the channel shows cards, suggested actions where it only shows those; elsewhere the numbers are already in
 * the text. These are not choices: pressing one opens the phone, not the conversation.
 */
export function replyWithCalls(channelId: string, text: string, calls: ReadonlyArray<readonly [label: string, uri: string]>): Partial<Activity> {
  if (calls.length === 0) return { type: ActivityTypes.Message, text };
  const actions = calls.map(([title, value]) => ({ type: ActionTypes.Call, title, value }));
  if (showsCardButtons(channelId, calls.length)) return { type: ActivityTypes.Message, text, attachments: [CardFactory.heroCard('', undefined, actions)] };
  if (showsSuggestions(channelId, calls.length)) return { type: ActivityTypes.Message, text, suggestedActions: { to: [], actions } };
  return { type: ActivityTypes.Message, text };
}
