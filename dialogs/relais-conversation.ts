import { ActivityTypes, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { MAX_SUGGESTIONS, replyWithCalls, replyWithChoices, matchChoice, type ApartChoices, type Choice } from './conversation/choices.js';
import { currentAge, type ConversationData, type UserProfile } from './conversation/conversation-data.js';
import { asksWhere, recognizeFollowUp, recognizeSmallTalk } from './conversation/follow-ups.js';
import { recognizeCommand, type GlobalCommand } from './conversation/global-commands.js';
import { readIncoming } from './conversation/incoming-message.js';
import { leavingMoment } from './conversation/leaving-checklist.js';
import { DEPARTEMENT_DIALOG, DepartementDialog, type DepartementDialogOptions, type DepartementDialogResult } from './flows/departement-dialog.js';
import { FEEDBACK_REASON_DIALOG, FeedbackReasonDialog, type FeedbackReasonResult } from './flows/feedback-reason-dialog.js';
import { FORGET_ME_DIALOG, ForgetMeDialog, type ForgetMeDialogResult } from './flows/forget-me-dialog.js';
import { PROFILE_DIALOG, ProfileDialog, type ProfileDialogResult } from './flows/profile-dialog.js';
import { detectLanguage } from './language/detect-language.js';
import type { CaseDesk, CaseRequest, FeedbackLog, KnowledgePort, PersonalDataEraser, ReplyExpectation } from './ports.js';
import { CASE_OPENED_TURN, type CaseOpenedInTurn } from './turn/case-opened-turn.js';
import { ERASED_EVENT, ERASED_TURN } from './turn/erased-turn.js';
import { redactPersonalData } from './privacy/redact.js';
import type { AgeRecognizer } from './profile/age-recognizer.js';
import { CrisisDetector, type CrisisSignal } from './safety/crisis-detector.js';
import { en } from './strings/en.js';
import { fr } from './strings/fr.js';
import { stringsFor, type Language } from './strings/strings.js';
import type { DepartementRecognizer } from './territory/departement-recognizer.js';
import { foldText } from '../knowledge/search/fold-text.js';
import { departementByCode } from '../knowledge/territory/departements.js';

export interface RelaisConversationDeps {
  conversationState: ConversationState;
  userState: UserState;
  knowledge: KnowledgePort;
  cases: CaseDesk;
  feedback: FeedbackLog;
  eraser: PersonalDataEraser;
  places: DepartementRecognizer;
  ages: AgeRecognizer;
  /** Pseudonymous reference of a young person, stable across conversations (a keyed hash of the channel user id). */
  userRefOf: (channelId: string, userId: string) => string;
  /** Rules and the trained classifier; rules alone when not given. */
  crisis?: CrisisDetector;
  today?: () => Date;
}

type FlowResult = DepartementDialogResult | ProfileDialogResult | ForgetMeDialogResult | FeedbackReasonResult;

/** How many recent activity ids are kept to recognise a re-sent one. */
const SEEN_IDS_KEPT = 50;
/** Activity types that need no reply (the channel's own signals). */
const SILENT_TYPES = new Set<string>([
  ActivityTypes.Typing,
  ActivityTypes.Event,
  ActivityTypes.EndOfConversation,
  ActivityTypes.InstallationUpdate,
  ActivityTypes.ContactRelationUpdate,
  ActivityTypes.MessageReaction,
  ActivityTypes.MessageUpdate,
  ActivityTypes.MessageDelete,
  ActivityTypes.Trace,
  ActivityTypes.Handoff,
  ActivityTypes.Invoke,
  ActivityTypes.Command,
  ActivityTypes.CommandResult,
  ActivityTypes.Suggestion,
]);

/**
 * The conversation, turn by turn, in a fixed order:
 * 1. duplicates are ignored; 2. crisis detection on every message, before anything else;
 * 3. silence while a référent is in charge; 4. global commands; 5. the flow in progress; 6. answer first.
 */
export class RelaisConversation {
  private readonly data: StatePropertyAccessor<ConversationData>;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly dialogs: DialogSet;
  private readonly crisis: CrisisDetector;
  private readonly today: () => Date;

  constructor(private readonly deps: RelaisConversationDeps) {
    this.today = deps.today ?? (() => new Date());
    this.crisis = deps.crisis ?? new CrisisDetector();
    this.data = deps.conversationState.createProperty<ConversationData>('relais');
    this.profile = deps.userState.createProperty<UserProfile>('profile');
    this.dialogs = new DialogSet(deps.conversationState.createProperty('dialogState'));
    this.dialogs.add(new DepartementDialog(deps.places));
    this.dialogs.add(new ProfileDialog(this.profile, deps.ages, this.today));
    this.dialogs.add(new ForgetMeDialog());
    this.dialogs.add(new FeedbackReasonDialog());
  }

  async onTurn(context: TurnContext): Promise<void> {
    const type = context.activity.type;
    // Both states at once: the storage answers them with one query.
    await Promise.all([this.deps.conversationState.load(context), this.deps.userState.load(context)]);
    let erased = false;
    if (type === ActivityTypes.Message) erased = await this.onMessage(context);
    else if (type === ActivityTypes.ConversationUpdate) await this.onConversationUpdate(context);
    else if (type === ActivityTypes.DeleteUserData) erased = await this.erase(context, { silent: true });
    else if (!SILENT_TYPES.has(type)) await context.sendActivity(fr.unknownActivity);
    if (erased) context.turnState.set(ERASED_TURN, true);
    else {
      await this.deps.conversationState.saveChanges(context);
      await this.deps.userState.saveChanges(context);
    }
  }

  private async onConversationUpdate(context: TurnContext): Promise<void> {
    const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
    if (newcomers.length === 0) return;
    await context.sendActivity(fr.welcome);
    const profile = await this.profile.get(context, {});
    const known = profile.departement ? departementByCode(profile.departement) : undefined;
    if (known) await context.sendActivity(fr.welcomeBack(known.nom, known.code));
    // Leaving care is near (17, 18, a contrat jeune majeur): the checklist comes first among the buttons.
    const checklist = this.leavingChecklist(profile);
    const welcome = checklist ? `${checklist.text}\n\n${fr.welcomePrompt}` : fr.welcomePrompt;
    await this.offer(context, welcome, [...(checklist?.choices ?? []), ...this.themeChoices()]);
  }

  /** Returns true when the young person's data was erased (nothing must be saved after). */
  private async onMessage(context: TurnContext): Promise<boolean> {
    const data = await this.data.get(context, {});
    if (this.isDuplicate(context, data)) return false;

    let incoming = readIncoming(context.activity);
    // An emoji can be a button (👍, 👎): only then is it read as text.
    if (incoming.kind === 'emoji-only' && matchChoice(incoming.text, data.choices)) incoming = { kind: 'text', text: incoming.text, truncated: false, hadAttachments: false };
    const text = incoming.kind === 'text' ? incoming.text : '';
    const language: Language = (text && detectLanguage(text)) || data.language || 'fr';
    const firstEnglish = language === 'en' && data.language !== 'en' && !data.englishWelcomed;
    data.language = language;

    // Safety first: synchronous, before any lookup, prompt or model.
    const signal = this.crisis.detect(text);
    // Someone who writes in English was welcomed in French (the welcome comes before any word): say it again in English, briefly.
    if (firstEnglish && !signal) {
      data.englishWelcomed = true;
      await context.sendActivity(en.welcomeShort);
    }
    if (signal) {
      await this.onCrisis(context, signal, language);
      return false;
    }
    if (await this.deps.cases.isHumanInCharge(context.activity.conversation.id)) return false;

    const s = stringsFor(language);
    const badInput = { empty: s.empty, 'emoji-only': s.emojiOnly, 'attachments-only': s.attachment, text: undefined }[incoming.kind];
    if (badInput || incoming.kind !== 'text') {
      await context.sendActivity(badInput ?? s.unknownActivity);
      return false;
    }
    if (incoming.hadAttachments) await context.sendActivity(s.attachment);
    if (incoming.truncated) await context.sendActivity(s.tooLong(text.length));

    const command = recognizeCommand(text, context.activity.channelId);
    if (command) return this.onCommand(context, command);

    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.complete) return false;
      return this.onFlowEnded(context, result.result as FlowResult);
    }
    await this.onFreeText(context, text);
    return false;
  }

  private isDuplicate(context: TurnContext, data: ConversationData): boolean {
    const clientId = (context.activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    const ids = [context.activity.id, typeof clientId === 'string' ? `client:${clientId}` : undefined].filter((id): id is string => !!id);
    const seen = data.seenActivityIds ?? [];
    if (ids.some((id) => seen.includes(id))) return true;
    data.seenActivityIds = [...seen, ...ids].slice(-SEEN_IDS_KEPT);
    return false;
  }

  private async onCrisis(context: TurnContext, signal: CrisisSignal, language: Language): Promise<void> {
    const s = stringsFor(language);
    // The numbers come first, as big buttons that stay in the conversation (the text names them too).
    await context.sendActivity(replyWithCalls(context.activity.channelId, s.crisis[signal.category].join('\n\n'), fr.crisisCalls[signal.category]));
    const profile = await this.profile.get(context, {});
    const data = await this.data.get(context, {});
    const expectation = await this.openCase(context, {
      reason: 'crisis',
      category: signal.category,
      priority: 1,
      departement: this.departementOf(data, profile),
      shared: sharedProfile(profile, this.today()),
    });
    const promise = s.crisisHuman(expectation, this.today());
    const dc = await this.dialogs.createContext(context);
    // The flow in progress is kept: the next message continues it.
    const text = dc.activeDialog && expectation.kind !== 'in_charge' ? `${promise}\n\n${s.crisisResume}` : promise;
    await context.sendActivity(text);
  }

  private async onCommand(context: TurnContext, command: GlobalCommand): Promise<boolean> {
    const dc = await this.dialogs.createContext(context);
    const data = await this.data.get(context, {});
    switch (command) {
      case 'help':
        await context.sendActivity(stringsFor(data.language ?? 'fr').help);
        return false;
      case 'menu':
        await this.offer(context, fr.welcomePrompt, this.themeChoices());
        return false;
      case 'restart':
        await dc.cancelAllDialogs();
        await this.data.set(context, { seenActivityIds: data.seenActivityIds, language: data.language });
        await this.offer(context, fr.restarted, this.themeChoices());
        return false;
      case 'cancel':
        if (dc.activeDialog) {
          await dc.cancelAllDialogs();
          await context.sendActivity(fr.cancelled);
        } else await context.sendActivity(fr.nothingToCancel);
        data.pendingQuestion = undefined;
        return false;
      case 'forget':
        await dc.cancelAllDialogs();
        await dc.beginDialog(FORGET_ME_DIALOG);
        return false;
      case 'human':
        await this.requestHuman(context);
        return false;
      case 'profile':
        await dc.cancelAllDialogs();
        await dc.beginDialog(PROFILE_DIALOG);
        return false;
    }
  }

  private async onFlowEnded(context: TurnContext, result: FlowResult | undefined): Promise<boolean> {
    if (!result) return false;
    const data = await this.data.get(context, {});
    if ('handBack' in result) {
      // They wrote something else instead of a place: the request still goes to the team, then the message is read.
      if (data.humanRequestPending) {
        data.humanRequestPending = undefined;
        await this.openHumanCase(context);
      }
      await this.onFreeText(context, result.handBack);
      return false;
    }
    switch (result.dialog) {
      case DEPARTEMENT_DIALOG:
        if (data.humanRequestPending) {
          data.humanRequestPending = undefined;
          if ('departement' in result) {
            data.departement = result.departement;
            await context.sendActivity(fr.departementSet(departementByCode(result.departement)?.nom ?? result.departement, result.departement));
          }
          await this.openHumanCase(context);
          return false;
        }
        if ('departement' in result) await this.onPlaceKnown(context, result.departement, result.place);
        else if (data.pendingQuestion) {
          await context.sendActivity(fr.nationalOnly);
          data.pendingQuestion = undefined;
        }
        return false;
      case PROFILE_DIALOG: {
        if (!('saved' in result && result.saved)) return false;
        const profile = await this.profile.get(context, {});
        await context.sendActivity(this.profileNote(profile));
        const checklist = this.leavingChecklist(profile);
        if (checklist) await this.offer(context, checklist.text, checklist.choices);
        return false;
      }
      case FORGET_ME_DIALOG:
        return result.confirmed ? this.erase(context, { silent: false }) : false;
      case FEEDBACK_REASON_DIALOG:
        await this.deps.feedback.record({
          userRef: this.userRef(context),
          kind: 'not_helpful',
          question: redactPersonalData(data.lastQuestion ?? ''),
          entryId: data.lastEntryId,
          reason: 'reason' in result && result.reason ? redactPersonalData(result.reason) : undefined,
          departement: this.departementOf(data, await this.profile.get(context, {})),
        });
        await context.sendActivity(fr.feedbackStored);
        return false;
    }
  }

  /** A message outside any flow: a button, a follow-up, a place, small talk, or a question. */
  private async onFreeText(context: TurnContext, text: string): Promise<void> {
    const data = await this.data.get(context, {});
    const choice = matchChoice(text, data.choices);
    data.choices = undefined;
    if (choice) return this.onChoice(context, choice);

    const followUp = recognizeFollowUp(text);
    if (followUp?.kind === 'details') {
      if (!data.lastEntryId) return void (await context.sendActivity(fr.noContextYet));
      return this.answer(context, data.lastQuestion ?? '', { entryId: data.lastEntryId, details: true });
    }
    if (followUp?.kind === 'where') {
      if (!data.lastQuestion) return void (await context.sendActivity(fr.noContextYet));
      return this.answer(context, `${data.lastQuestion} ou aller adresse`, { where: true });
    }
    if (followUp?.kind === 'moved') {
      const place = followUp.rest ? this.deps.places.recognize(followUp.rest, { prompted: true }) : undefined;
      if (place?.kind === 'found') return this.onPlaceKnown(context, place.departement.code, place.place, { moved: true });
      const dc = await this.dialogs.createContext(context);
      await dc.beginDialog(DEPARTEMENT_DIALOG, { prompt: fr.movedWhere } satisfies DepartementDialogOptions);
      return;
    }
    if (followUp?.kind === 'and') {
      const place = this.deps.places.recognize(followUp.topic);
      if (place && data.lastQuestion) return this.onPlace(context, place);
      const where = data.lastAnswerWasLocal || asksWhere(data.lastQuestion ?? '');
      return this.answer(context, where ? `${followUp.topic} ou aller` : followUp.topic, { where });
    }

    const smallTalk = recognizeSmallTalk(text);
    if (smallTalk) {
      const s = stringsFor(data.language ?? 'fr');
      return void (await context.sendActivity({ greeting: s.greeting, thanks: s.thanks, ok: s.ok, bye: s.bye }[smallTalk]));
    }

    const place = this.deps.places.recognize(text);
    if (place && isPlaceStatement(text)) return this.onPlace(context, place);
    // Inside a question, only an unmistakable place (postal code, "dans le 93") is taken: town names hide in ordinary
    // words. A question about where to go ("où est la mission locale à Bobigny") names its town on purpose.
    if (place?.kind === 'found' && (/\b\d{5}\b|\bdans le (\d{2,3}|2a|2b)\b/i.test(text) || asksWhere(text))) {
      data.departement = place.departement.code;
      data.commune = communeOf(place.place, place.departement.nom);
    }
    await this.answer(context, text, { where: asksWhere(text) });
    // A long message about several problems at once is more than one answer: a person reads all of it.
    const after = await this.data.get(context, {});
    if (coversSeveralProblems(text) && !context.turnState.get(CASE_OPENED_TURN) && !after.humanRequestPending) {
      await context.sendActivity(stringsFor(after.language ?? 'fr').severalProblems);
      // A message this full is a request for a person in itself, whatever the search found.
      await this.requestHuman(context, { explicit: true });
    }
  }

  private async onPlace(context: TurnContext, place: NonNullable<ReturnType<DepartementRecognizer['recognize']>>): Promise<void> {
    if (place.kind === 'found') return this.onPlaceKnown(context, place.departement.code, place.place);
    const choices: Choice[] = place.options.map((o) => ({ label: o.label, action: { kind: 'place', departement: o.departement.code }, aliases: [o.departement.code, o.departement.nom] }));
    await this.offer(context, fr.whichPlace(place.place), [...choices, { label: fr.noneOfThese, action: { kind: 'skip' }, aliases: ['aucun', 'non'] }]);
  }

  /** The young person told where they are: use it now, answer what was waiting, and ask before remembering it. */
  private async onPlaceKnown(context: TurnContext, code: string, place: string, options: { moved?: boolean } = {}): Promise<void> {
    const data = await this.data.get(context, {});
    const profile = await this.profile.get(context, {});
    const departement = departementByCode(code)!;
    data.departement = code;
    data.commune = communeOf(place, departement.nom);
    const label = place && placeKeyOf(place) !== placeKeyOf(departement.nom) && !/\d/.test(place) ? `${place}, ${departement.nom}` : departement.nom;
    await context.sendActivity(fr.departementSet(label, code));
    const pending = data.pendingQuestion;
    data.pendingQuestion = undefined;
    if (pending) await this.answer(context, pending, { where: true, quiet: true });
    if (profile.departement === code) return;
    if (options.moved && profile.departement) {
      profile.departement = code;
      return void (await context.sendActivity(fr.remembered));
    }
    await this.offer(context, fr.rememberAsk, [
      { label: fr.rememberYes, action: { kind: 'remember', departement: code, yes: true }, aliases: ['oui', 'ouais', 'ok', 'yes', 'vas y', 'd accord'] },
      { label: fr.rememberNo, action: { kind: 'remember', departement: code, yes: false }, aliases: ['non', 'nan', 'no'] },
    ]);
  }

  private async onChoice(context: TurnContext, choice: Choice): Promise<void> {
    const data = await this.data.get(context, {});
    const action = choice.action;
    switch (action.kind) {
      case 'ask': {
        const theme = this.deps.knowledge.menu().themes.find((t) => t.label === action.query);
        if (theme) return this.offer(context, fr.themePick(theme.label), this.entryChoices(theme.entryIds));
        return this.answer(context, action.query, { where: asksWhere(action.query) });
      }
      case 'entry':
        return this.answer(context, this.deps.knowledge.titleOf(action.entryId) ?? '', { entryId: action.entryId });
      case 'details':
        if (!data.lastEntryId) return void (await context.sendActivity(fr.noContextYet));
        return this.answer(context, data.lastQuestion ?? '', { entryId: data.lastEntryId, details: true });
      case 'feedback': {
        if (action.helpful) {
          await this.deps.feedback.record({ userRef: this.userRef(context), kind: 'helpful', question: redactPersonalData(data.lastQuestion ?? ''), entryId: data.lastEntryId, departement: this.departementOf(data, await this.profile.get(context, {})) });
          return void (await context.sendActivity(fr.feedbackThanks));
        }
        const dc = await this.dialogs.createContext(context);
        await dc.beginDialog(FEEDBACK_REASON_DIALOG);
        return;
      }
      case 'human':
        return this.requestHuman(context);
      case 'remember': {
        const profile = await this.profile.get(context, {});
        if (action.yes) profile.departement = action.departement;
        return void (await context.sendActivity(action.yes ? fr.remembered : fr.notRemembered));
      }
      case 'place':
        return this.onPlaceKnown(context, action.departement, departementByCode(action.departement)?.nom ?? '');
      case 'skip':
        return void (await context.sendActivity(fr.ok));
    }
  }

  /** Answer first: the knowledge base's cited answer, then ways to go further. */
  private async answer(context: TurnContext, question: string, options: { entryId?: string; details?: boolean; where?: boolean; quiet?: boolean }): Promise<void> {
    const data = await this.data.get(context, {});
    const profile = await this.profile.get(context, {});
    const departement = this.departementOf(data, profile);
    // A new question replaces one that waited for a place.
    if (!options.quiet) data.pendingQuestion = undefined;
    const answer = await this.deps.knowledge.answer(question, { departement, commune: data.commune, entryId: options.entryId, details: options.details });

    if (!answer.confident || !answer.entry) {
      data.notFoundInARow = (data.notFoundInARow ?? 0) + 1;
      await this.deps.feedback.record({ userRef: this.userRef(context), kind: 'unanswered', question: redactPersonalData(question), departement, confidence: answer.confidence });
      const human: Choice = { label: fr.talkToHuman, action: { kind: 'human' }, aliases: ['oui', 'ouais', 'ok', 'yes'] };
      // Twice in a row: a person takes it from here, without asking the young person to ask again.
      if (data.notFoundInARow >= 2) {
        await context.sendActivity(stringsFor(data.language ?? 'fr').notSureAgain);
        return this.requestHuman(context);
      }
      const s = stringsFor(data.language ?? 'fr');
      const guesses = answer.related.slice(0, MAX_SUGGESTIONS - 1).map((r) => ({ label: r.label, action: { kind: 'entry' as const, entryId: r.entryId } }));
      const notSure = answer.doubt === 'serious' ? s.seriousDoubt : s.notSure;
      return this.offer(context, guesses.length > 0 ? `${notSure}\n\n${s.didYouMean}` : notSure, [...guesses, human]);
    }

    data.notFoundInARow = 0;
    data.lastQuestion = question;
    data.lastEntryId = answer.entry.id;
    data.lastAnswerWasLocal = !!answer.entry.departements;
    const note = this.tailoring(answer.entry.id, profile);
    // One way to read more, then the nearest topics: at most three buttons, the 👍/👎 kept apart.
    const more: Choice[] = options.details ? [] : [{ label: fr.moreDetails, action: { kind: 'details' }, aliases: ['plus de details', 'details'] }];
    const choices: Choice[] = [
      ...more,
      ...answer.related.slice(0, MAX_SUGGESTIONS - more.length).map((r) => ({ label: r.label, action: { kind: 'entry' as const, entryId: r.entryId } })),
    ];
    const feedback: ApartChoices = {
      prompt: fr.feedbackAsk,
      choices: [
        { label: '👍', action: { kind: 'feedback', helpful: true }, aliases: ['utile', 'oui ca m aide', 'merci c utile'] },
        { label: '👎', action: { kind: 'feedback', helpful: false }, aliases: ['pas utile'] },
      ],
    };
    // Ask where only when the answer depends on it, and after answering with what is valid everywhere.
    const willAskWhere = !!options.where && !departement && !answer.entry.departements && !options.quiet;
    const offersProfile = !willAskWhere && this.deps.knowledge.menu().askProfileAfter.has(answer.entry.id) && profile.age === undefined && !profile.profileDeclined && !data.profileOffered;
    const inEnglish = data.language === 'en' ? stringsFor('en').answersInFrench : undefined;
    const text = [inEnglish, answer.text, note].filter(Boolean).join('\n\n');
    await this.offer(context, text, choices, feedback);
    // The reply asked for the commune among several places: naming it answers this question again, with the right one.
    if (answer.asksForCommune && !willAskWhere) data.pendingQuestion = question;

    if (willAskWhere) {
      data.pendingQuestion = question;
      const dc = await this.dialogs.createContext(context);
      await dc.beginDialog(DEPARTEMENT_DIALOG, { prompt: fr.askDepartementForAnswer } satisfies DepartementDialogOptions);
      return;
    }
    if (offersProfile) {
      data.profileOffered = true;
      const dc = await this.dialogs.createContext(context);
      await dc.beginDialog(PROFILE_DIALOG);
    }
  }

  private tailoring(entryId: string, profile: UserProfile): string | undefined {
    if (!this.deps.knowledge.menu().until21.has(entryId)) return undefined;
    const age = currentAge(profile, this.today());
    if (age === undefined) return undefined;
    if (age >= 21) return fr.over21(age);
    if (age >= 18 && profile.situation !== undefined) return fr.under21InCare;
    return undefined;
  }

  private profileNote(profile: UserProfile): string {
    const age = currentAge(profile, this.today());
    if (age !== undefined && age >= 21) return `${fr.profileSaved} ${fr.over21(age)}`;
    return fr.profileSaved;
  }

  /** A request for a human goes to the référents of a département: ask it first when unknown (it can be skipped). */
  private async requestHuman(context: TurnContext, options: { explicit?: boolean } = {}): Promise<void> {
    const data = await this.data.get(context, {});
    if (options.explicit) data.notFoundInARow = 0;
    if (!this.departementOf(data, await this.profile.get(context, {}))) {
      data.humanRequestPending = true;
      const dc = await this.dialogs.createContext(context);
      await dc.cancelAllDialogs();
      await dc.beginDialog(DEPARTEMENT_DIALOG, { prompt: fr.askDepartementForHuman } satisfies DepartementDialogOptions);
      return;
    }
    await this.openHumanCase(context);
  }

  private async openHumanCase(context: TurnContext): Promise<void> {
    const data = await this.data.get(context, {});
    const profile = await this.profile.get(context, {});
    const notFound = (data.notFoundInARow ?? 0) > 0;
    const expectation = await this.openCase(context, {
      reason: notFound ? 'not_found' : 'human_request',
      priority: notFound ? 3 : 2,
      departement: this.departementOf(data, profile),
      shared: sharedProfile(profile, this.today()),
    });
    await context.sendActivity(stringsFor(data.language ?? 'fr').humanRequested(expectation, this.today()));
  }

  /** Opens (or updates) the case, and marks the turn so the bot side can tell a contact-centre platform. */
  private async openCase(context: TurnContext, request: Omit<CaseRequest, 'userRef' | 'conversationId' | 'channelId'>): Promise<ReplyExpectation> {
    const expectation = await this.deps.cases.open({
      ...request,
      userRef: this.userRef(context),
      conversationId: context.activity.conversation.id,
      channelId: context.activity.channelId,
    });
    context.turnState.set(CASE_OPENED_TURN, { reason: request.reason, category: request.category, priority: request.priority, departement: request.departement } satisfies CaseOpenedInTurn);
    return expectation;
  }

  /** "efface mes données": database records first, then the bot's own state, then say what was erased. */
  private async erase(context: TurnContext, options: { silent: boolean }): Promise<boolean> {
    const profile = await this.profile.get(context, {});
    const hadProfile = Object.values(profile).some((v) => v !== undefined);
    const counts = await this.deps.eraser.erase({ userRef: this.userRef(context), channelId: context.activity.channelId, userId: context.activity.from.id });
    await this.deps.userState.delete(context);
    await this.deps.conversationState.delete(context);
    if (options.silent) return true;
    const summary = [
      hadProfile ? fr.erased.profile : undefined,
      fr.erased.conversation,
      counts.activities > 0 ? fr.erased.activities(counts.activities) : undefined,
      counts.feedback > 0 ? fr.erased.feedback(counts.feedback) : undefined,
      counts.cases > 0 ? fr.erased.cases(counts.cases) : undefined,
    ].filter((x): x is string => !!x);
    await context.sendActivity(fr.forgotten(summary));
    // Tells a screen that shows the conversation to clear what was erased (Web Chat reopens it empty).
    await context.sendActivity({ type: ActivityTypes.Event, name: ERASED_EVENT });
    return true;
  }

  private async offer(context: TurnContext, text: string, choices: Choice[], apart?: ApartChoices): Promise<void> {
    const data = await this.data.get(context, {});
    data.choices = [...choices, ...(apart?.choices ?? [])];
    await context.sendActivity(replyWithChoices(context.activity.channelId, text, choices, apart));
  }

  private themeChoices(): Choice[] {
    return [
      ...this.deps.knowledge.menu().themes.map((t) => ({ label: t.label, action: { kind: 'ask' as const, query: t.label } })),
      { label: fr.talkToHuman, action: { kind: 'human' } },
    ];
  }

  /** The leaving-care checklist, when the profile says leaving is near and the menu names its entry. */
  private leavingChecklist(profile: UserProfile): { text: string; choices: Choice[] } | undefined {
    const moment = leavingMoment(profile, this.today());
    const entryId = this.deps.knowledge.menu().leavingChecklist;
    const choices = moment && entryId ? this.entryChoices([entryId]) : [];
    return moment && choices.length > 0 ? { text: fr.leavingChecklist[moment], choices } : undefined;
  }

  private entryChoices(ids: readonly string[]): Choice[] {
    return ids.flatMap((id) => {
      const label = this.deps.knowledge.labelOf(id);
      return label ? [{ label, action: { kind: 'entry' as const, entryId: id } }] : [];
    });
  }

  private departementOf(data: ConversationData, profile: UserProfile): string | undefined {
    return data.departement ?? profile.departement;
  }

  private userRef(context: TurnContext): string {
    return this.deps.userRefOf(context.activity.channelId, context.activity.from.id);
  }
}

/** What the young person chose to tell the bot and the référent may see: age and situation, only when given. */
function sharedProfile(profile: UserProfile, today: Date): { age?: number; situation?: string } {
  return { age: currentAge(profile, today), situation: profile.situation };
}

/** Areas of life a message can be about; two or more in a long message is a case for a person. */
const PROBLEM_AREAS: RegExp[] = [
  /\b(logement|appart|loyer|proprio|expuls|dehors|dormir|foyer|fjt|hebergement|a la rue)\w*/,
  /\b(argent|thunes?|sous|dette|dettes|caf|rsa|facture|banque|manger|bouffe)\b/,
  /\b(papiers?|titre de sejour|prefecture|recepisse|oqtf|nationalite|carte d identite)\b/,
  /\b(malade|sante|medecin|docteur|hopital|secu|mutuelle|enceinte|psy)\b/,
  /\b(travail|taf|boulot|formation|ecole|cours|stage|apprentissage|patron|chomage|mission locale)\b/,
  /\b(ase|educ|educateur|contrat jeune majeur|cjm|juge|referent)\b/,
];

function coversSeveralProblems(text: string): boolean {
  if (text.length < 200) return false;
  const folded = foldText(text);
  return PROBLEM_AREAS.filter((area) => area.test(folded)).length >= 3;
}

function placeKeyOf(name: string): string {
  return foldText(name).replace(/[^a-z0-9]/g, '');
}

/** "je suis à Montreuil", "93100", "j'habite dans le 93": a message that only says where the young person is. */
function isPlaceStatement(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length <= 3) return true;
  return words.length <= 9 && /^(je suis|jsuis|chui|j habite|j'habite|jhabite|je vis|je suis a|moi c est|je reside|i live|i'm in|im in|i am in|je viens de)/i.test(text.trim()) && !/\?/.test(text);
}

/** The commune in a recognised place: a town's name, not a département's name nor a postal code. */
function communeOf(place: string, departementName: string): string | undefined {
  return place && !/\d/.test(place) && placeKeyOf(place) !== placeKeyOf(departementName) ? place : undefined;
}
