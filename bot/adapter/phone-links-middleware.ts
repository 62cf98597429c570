import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { linkPhoneNumbers } from '../../knowledge/answer/phone-links.js';

/** Channels whose clients render Markdown links, tel: included (Web Chat, Teams, the Emulator). */
const MARKDOWN_LINK_CHANNELS = new Set(['directline', 'webchat', 'msteams', 'emulator']);

/**
 * Every phone number the bot or a référent sends becomes a tel: link where the channel can show one, so a
 * young person on a phone calls with one tap: answers, crisis replies, the welcome, a référent's message.
 */
export class PhoneLinksMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, send) => {
      for (const activity of activities) {
        const channelId = activity.channelId ?? ctx.activity.channelId;
        if (activity.type !== ActivityTypes.Message || !activity.text || activity.textFormat === 'plain' || !MARKDOWN_LINK_CHANNELS.has(channelId)) continue;
        activity.text = linkPhoneNumbers(activity.text);
      }
      return send();
    });
    await next();
  }
}
