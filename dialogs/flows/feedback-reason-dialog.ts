import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice, type Choice } from '../conversation/choices.js';
import { fr } from '../strings/fr.js';
import { looksLikeAQuestion, promptWithChoices, type HandBack } from './prompt-with-choices.js';

export const FEEDBACK_REASON_DIALOG = 'feedback-reason';

export type FeedbackReasonResult = ({ reason?: string } | HandBack) & { dialog: typeof FEEDBACK_REASON_DIALOG };

const REASONS: Choice[] = fr.feedbackReasons.map((label, index) => ({ label, action: index === fr.feedbackReasons.length - 1 ? { kind: 'skip' } : { kind: 'ask', query: label } }));

/** After a thumbs-down: an optional reason, in one tap or in the young person's words. */
export class FeedbackReasonDialog extends ComponentDialog {
  constructor() {
    super(FEEDBACK_REASON_DIALOG);
    this.addDialog(new TextPrompt('reasonText'));
    this.addDialog(new WaterfallDialog('steps', [(step) => this.ask(step), (step) => this.collect(step)]));
    this.initialDialogId = 'steps';
  }

  private async ask(step: WaterfallStepContext) {
    return step.prompt('reasonText', promptWithChoices(step.context, fr.feedbackWhy, REASONS));
  }

  private async collect(step: WaterfallStepContext) {
    const text = String(step.result ?? '');
    const choice = matchChoice(text, REASONS);
    if (choice) return step.endDialog({ dialog: FEEDBACK_REASON_DIALOG, reason: choice.action.kind === 'skip' ? undefined : choice.label } satisfies FeedbackReasonResult);
    // A long message with a question mark is more likely a new question than a reason.
    if (looksLikeAQuestion(text) && /\?\s*$/.test(text)) return step.endDialog({ dialog: FEEDBACK_REASON_DIALOG, handBack: text } satisfies FeedbackReasonResult);
    return step.endDialog({ dialog: FEEDBACK_REASON_DIALOG, reason: text } satisfies FeedbackReasonResult);
  }
}
