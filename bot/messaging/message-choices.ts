import { ActionTypes, type Activity, type CardAction } from 'botbuilder';

/** The buttons of a bot message, as a messaging app can show them. */
export interface MessageChoices {
  /** What pressing sends back as the young person's message (`value`), and what the button says (`title`). */
  replies: Array<{ title: string; value: string }>;
  /** Numbers to call (tel:): not buttons on these apps, written in the text instead. */
  calls: Array<{ title: string; number: string }>;
  /** The text of cards (the 👍/👎 question), which these apps show as part of the message. */
  cardTexts: string[];
}

const HERO_CARD = 'application/vnd.microsoft.card.hero';

/** The suggested actions and the hero cards' buttons of a message (what choices.ts renders for Web Chat). */
export function messageChoices(activity: Partial<Activity>): MessageChoices {
  const cards = (activity.attachments ?? []).filter((a) => a.contentType === HERO_CARD).map((a) => (a.content ?? {}) as { text?: string; buttons?: CardAction[] });
  const actions: CardAction[] = [...(activity.suggestedActions?.actions ?? []), ...cards.flatMap((c) => c.buttons ?? [])];
  const choices: MessageChoices = { replies: [], calls: [], cardTexts: cards.map((c) => c.text ?? '').filter(Boolean) };
  for (const action of actions) {
    const value = typeof action.value === 'string' ? action.value : action.title;
    if (action.type === ActionTypes.Call) choices.calls.push({ title: action.title, number: value.replace(/^tel:/, '') });
    else if (action.type === ActionTypes.ImBack || action.type === ActionTypes.PostBack || action.type === ActionTypes.MessageBack) choices.replies.push({ title: action.title, value });
  }
  return choices;
}

/** The message's text with its cards' texts and the numbers to call that it does not already show. */
export function fullText(activity: Partial<Activity>, choices: MessageChoices): string {
  const text = [activity.text ?? '', ...choices.cardTexts].filter(Boolean).join('\n\n');
  const digits = text.replace(/\D/g, '');
  const calls = choices.calls.filter((c) => !digits.includes(c.number.replace(/\D/g, ''))).map((c) => `📞 ${c.title} : ${c.number}`);
  return [text, ...calls].filter(Boolean).join('\n\n');
}
