import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice, type Choice } from '../conversation/choices.js';
import { fr } from '../strings/fr.js';
import { promptWithChoices } from './prompt-with-choices.js';

export const FORGET_ME_DIALOG = 'forget-me';

export interface ForgetMeDialogResult {
  dialog: typeof FORGET_ME_DIALOG;
  confirmed: boolean;
}

const YES: Choice = { label: fr.forgetYes, action: { kind: 'skip' }, aliases: ['oui', 'ouais', 'yes', 'ok', 'efface', 'efface tout', 'vas y', 'confirme'] };
const NO: Choice = { label: fr.forgetNo, action: { kind: 'skip' }, aliases: ['non', 'no', 'nan', 'annuler', 'garde'] };

/** "efface mes données": nothing is erased without an explicit yes; the root does the erasing. */
export class ForgetMeDialog extends ComponentDialog {
  constructor() {
    super(FORGET_ME_DIALOG);
    this.addDialog(new TextPrompt('confirmText'));
    this.addDialog(new WaterfallDialog('steps', [(step) => this.ask(step), (step) => this.decide(step)]));
    this.initialDialogId = 'steps';
  }

  private async ask(step: WaterfallStepContext) {
    return step.prompt('confirmText', promptWithChoices(step.context, fr.forgetConfirm, [YES, NO]));
  }

  private async decide(step: WaterfallStepContext) {
    const confirmed = matchChoice(String(step.result ?? ''), [YES, NO]) === YES;
    if (!confirmed) await step.context.sendActivity(fr.forgetCancelled);
    return step.endDialog({ dialog: FORGET_ME_DIALOG, confirmed } satisfies ForgetMeDialogResult);
  }
}
