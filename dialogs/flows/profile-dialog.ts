import { foldText } from '../../knowledge/search/fold-text.js';
import type { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice, type Choice } from '../conversation/choices.js';
import type { Situation, UserProfile } from '../conversation/conversation-data.js';
import type { AgeRecognizer } from '../profile/age-recognizer.js';
import { fr } from '../strings/fr.js';
import { looksLikeAQuestion, promptWithChoices, type HandBack } from './prompt-with-choices.js';

export const PROFILE_DIALOG = 'profile';

export type ProfileDialogResult = ({ saved: boolean } | HandBack) & { dialog: typeof PROFILE_DIALOG };

const AGE_PROMPT = 'ageText';
const SITUATION_PROMPT = 'situationText';
const SKIP: Choice = { label: fr.skip, action: { kind: 'skip' }, aliases: ['passer', 'non', 'skip', 'pas envie', 'je prefere pas', 'jsp'] };
const SITUATIONS: Choice[] = fr.situations.map((s) => ({ label: s.label, action: { kind: 'ask', query: s.value } }));
const SITUATION_WORDS: Array<[RegExp, Situation]> = [
  [/\b(cjm|apjm|contrat jeune majeur|jeune majeur)\b/, 'cjm'],
  [/\b(quitte|sorti|sortie|fini|plus a l ase|plus suivi)\b/, 'left_care'],
  [/\b(encore|toujours|foyer|famille d accueil|placee?)\b/, 'in_care'],
];

/**
 * Optional, skippable: age (or date of birth) and situation, to tailor answers (support until 21...).
 * The age recognizer runs only here, never on an ordinary question.
 */
export class ProfileDialog extends ComponentDialog {
  constructor(
    private readonly profile: StatePropertyAccessor<UserProfile>,
    private readonly ages: AgeRecognizer,
    private readonly today: () => Date,
  ) {
    super(PROFILE_DIALOG);
    this.addDialog(new TextPrompt(AGE_PROMPT, (prompt) => this.validateAge(prompt)));
    this.addDialog(new TextPrompt(SITUATION_PROMPT, (prompt) => this.validateSituation(prompt)));
    this.addDialog(new WaterfallDialog('steps', [(step) => this.askAge(step), (step) => this.askSituation(step), (step) => this.save(step)]));
    this.initialDialogId = 'steps';
  }

  private async askAge(step: WaterfallStepContext) {
    // The recognizers warm up while the young person types the answer.
    this.ages.start();
    await step.context.sendActivity(fr.profileIntro);
    return step.prompt(AGE_PROMPT, promptWithChoices(step.context, fr.askAge, [SKIP], fr.askAgeRetry));
  }

  private async askSituation(step: WaterfallStepContext) {
    const text = String(step.result ?? '');
    const profile = await this.profile.get(step.context, {});
    if (matchChoice(text, [SKIP])) {
      profile.profileDeclined = true;
      return step.endDialog({ dialog: PROFILE_DIALOG, saved: false } satisfies ProfileDialogResult);
    }
    const age = await this.ages.recognize(text, this.today());
    if (age === undefined) return step.endDialog({ dialog: PROFILE_DIALOG, handBack: text } satisfies ProfileDialogResult);
    profile.age = age;
    profile.ageGivenOn = this.today().toISOString().slice(0, 10);
    return step.prompt(SITUATION_PROMPT, promptWithChoices(step.context, fr.askSituation, [...SITUATIONS, SKIP]));
  }

  private async save(step: WaterfallStepContext) {
    const text = String(step.result ?? '');
    const situation = situationOf(text);
    if (situation) (await this.profile.get(step.context, {})).situation = situation;
    else if (!matchChoice(text, [SKIP]) && looksLikeAQuestion(text)) return step.endDialog({ dialog: PROFILE_DIALOG, handBack: text } satisfies ProfileDialogResult);
    return step.endDialog({ dialog: PROFILE_DIALOG, saved: true } satisfies ProfileDialogResult);
  }

  private async validateAge(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (matchChoice(text, [SKIP]) || (await this.ages.recognize(text, this.today())) !== undefined) return true;
    return looksLikeAQuestion(text) || prompt.attemptCount >= 2;
  }

  private async validateSituation(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    return !!situationOf(text) || !!matchChoice(text, [SKIP]) || looksLikeAQuestion(text) || prompt.attemptCount >= 2;
  }
}

function situationOf(text: string): Situation | undefined {
  const choice = matchChoice(text, SITUATIONS);
  if (choice?.action.kind === 'ask') return choice.action.query as Situation;
  const folded = foldText(text).replace(/[^a-z0-9]+/g, ' ');
  return SITUATION_WORDS.find(([pattern]) => pattern.test(folded))?.[1];
}
