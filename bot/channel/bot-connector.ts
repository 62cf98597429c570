import type { Activity } from 'botbuilder';

/** What the built-in channel needs of the bot: run a turn, get the replies. */
export interface BotConnector {
  process(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}
