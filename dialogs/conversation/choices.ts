import { ActionTypes, ActivityTypes, type Activity } from 'botbuilder';
import { ChoiceFactory, supportsSuggestedActions } from 'botbuilder-dialogs';
import { foldForMatching } from './fold-for-matching.js';

/** What pressing a button (or typing its number) does. */
export type ChoiceAction =
  | { kind: 'ask'; query: string }
  | { kind: 'entry'; entryId: string }
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
 * A reply with choices, rendered once for the channel: suggested actions (buttons) where the channel
 * supports them, a numbered list in the text elsewhere (SMS-like channels), so "2" works everywhere.
 */
export function replyWithChoices(channelId: string, text: string, choices: Choice[]): Partial<Activity> {
  const labels = choices.map((c) => c.label);
  if (choices.length === 0) return { type: ActivityTypes.Message, text };
  if (supportsSuggestedActions(channelId, choices.length)) return ChoiceFactory.suggestedAction(labels, text);
  return ChoiceFactory.list(labels, text, undefined, { includeNumbers: true });
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
 * A reply with tap-to-call buttons (tel:, sms:) where the channel shows buttons; elsewhere the numbers
 * are already in the text. These are not choices: pressing one opens the phone, not the conversation.
 */
export function replyWithCalls(channelId: string, text: string, calls: ReadonlyArray<readonly [label: string, uri: string]>): Partial<Activity> {
  if (calls.length === 0 || !supportsSuggestedActions(channelId, calls.length)) return { type: ActivityTypes.Message, text };
  return {
    type: ActivityTypes.Message,
    text,
    suggestedActions: { to: [], actions: calls.map(([title, value]) => ({ type: ActionTypes.Call, title, value })) },
  };
}
