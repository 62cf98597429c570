import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice, type Choice } from '../conversation/choices.js';
import { fr } from '../strings/fr.js';
import type { DepartementRecognizer, PlaceRecognition } from '../territory/departement-recognizer.js';
import { looksLikeAQuestion, promptWithChoices, type HandBack } from './prompt-with-choices.js';

export const DEPARTEMENT_DIALOG = 'departement';

export interface DepartementDialogOptions {
  /** The question to ask: for an answer that needs a place, or after "j'ai déménagé". */
  prompt: string;
}

export type DepartementDialogResult = ({ departement: string; place: string } | { skipped: true } | HandBack) & { dialog: typeof DEPARTEMENT_DIALOG };

const PLACE_PROMPT = 'placeText';
const WHICH_PROMPT = 'whichPlace';
const SKIP: Choice = { label: fr.skip, action: { kind: 'skip' }, aliases: ['passer', 'non', 'skip', 'je sais pas', 'jsp', 'pas envie'] };

/**
 * Asks where the young person lives, understands a commune (with typos), a postal code, a number or a
 * département name, and offers a choice when the name is ambiguous (Saint-Denis: 93 or La Réunion).
 */
export class DepartementDialog extends ComponentDialog {
  constructor(private readonly places: DepartementRecognizer) {
    super(DEPARTEMENT_DIALOG);
    this.addDialog(new TextPrompt(PLACE_PROMPT, (prompt) => this.validatePlace(prompt)));
    this.addDialog(new TextPrompt(WHICH_PROMPT, async (prompt) => !!matchChoice(prompt.recognized.value ?? '', prompt.options.validations as Choice[]) || prompt.attemptCount >= 2));
    this.addDialog(new WaterfallDialog('steps', [(step) => this.ask(step), (step) => this.understand(step), (step) => this.pick(step)]));
    this.initialDialogId = 'steps';
  }

  private async ask(step: WaterfallStepContext) {
    const options = step.options as DepartementDialogOptions;
    return step.prompt(PLACE_PROMPT, promptWithChoices(step.context, options.prompt, [SKIP], fr.askDepartementRetry));
  }

  private async understand(step: WaterfallStepContext) {
    const text = String(step.result ?? '');
    if (matchChoice(text, [SKIP])) return step.endDialog({ dialog: DEPARTEMENT_DIALOG, skipped: true } satisfies DepartementDialogResult);
    const recognized = this.places.recognize(text, { prompted: true });
    if (!recognized) return step.endDialog({ dialog: DEPARTEMENT_DIALOG, handBack: text } satisfies DepartementDialogResult);
    if (recognized.kind === 'found') return step.endDialog(found(recognized));
    const choices: Choice[] = [
      ...recognized.options.map((o) => ({ label: o.label, action: { kind: 'place' as const, departement: o.departement.code }, aliases: [o.departement.code, o.departement.nom] })),
      { label: fr.noneOfThese, action: { kind: 'skip' }, aliases: ['aucun', 'aucune', 'non', 'passer'] },
    ];
    (step.values as Record<string, unknown>).choices = choices;
    (step.values as Record<string, unknown>).place = recognized.place;
    return step.prompt(WHICH_PROMPT, promptWithChoices(step.context, fr.whichPlace(recognized.place), choices, fr.whichPlace(recognized.place)));
  }

  private async pick(step: WaterfallStepContext) {
    const choice = matchChoice(String(step.result ?? ''), (step.values as Record<string, unknown>).choices as Choice[]);
    if (choice?.action.kind === 'place') return step.endDialog({ dialog: DEPARTEMENT_DIALOG, departement: choice.action.departement, place: (step.values as Record<string, unknown>).place as string } satisfies DepartementDialogResult);
    return step.endDialog({ dialog: DEPARTEMENT_DIALOG, skipped: true } satisfies DepartementDialogResult);
  }

  private async validatePlace(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (matchChoice(text, [SKIP]) || this.places.recognize(text, { prompted: true })) return true;
    // A new question, or a second miss: hand the message back rather than insist.
    return looksLikeAQuestion(text) || prompt.attemptCount >= 2;
  }
}

function found(recognized: Extract<PlaceRecognition, { kind: 'found' }>): DepartementDialogResult {
  return { dialog: DEPARTEMENT_DIALOG, departement: recognized.departement.code, place: recognized.place };
}
