import type { TurnContext } from 'botbuilder';
import type { PromptOptions } from 'botbuilder-dialogs';
import { replyWithChoices, type Choice } from '../conversation/choices.js';

/**
 * Prompt options whose buttons are rendered for the channel like every other reply. The flows use TextPrompt
 * with these rather than ChoicePrompt: the same matching everywhere ("2", a label, an alias), and no
 * number recognizer to warm up for a yes/no.
 */
export function promptWithChoices(context: TurnContext, text: string, choices: Choice[], retryText?: string): PromptOptions {
  const channelId = context.activity.channelId;
  return {
    prompt: replyWithChoices(channelId, text, choices),
    retryPrompt: retryText ? replyWithChoices(channelId, retryText, choices) : undefined,
    validations: choices,
  };
}

/** A message of this many words is a new question, not an answer to the prompt: the flow hands it back. */
export const QUESTION_WORDS = 5;

export function looksLikeAQuestion(text: string): boolean {
  return text.trim().split(/\s+/).length >= QUESTION_WORDS || /\?\s*$/.test(text.trim());
}

/** What a flow returns when the young person answered with something else: the root treats it as a new message. */
export interface HandBack {
  handBack: string;
}
