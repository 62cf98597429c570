import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ExpectedReplies,
  type TurnContext,
} from 'botbuilder';
import { ClaimsIdentity, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type AuthenticateRequestResult } from 'botframework-connector';
import type { Settings } from '../config/settings.js';

/** Connector for turns of the built-in channel: replies come back in the turn result, so it is never called over HTTP. */
class InProcessConnectorFactory extends ConnectorFactory {
  override async create(serviceUrl: string): Promise<ConnectorClient> {
    return new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
  }
}

/**
 * The Bot Framework adapter of Relais. /api/messages goes through CloudAdapter with Bot Framework
 * authentication; the built-in Direct Line channel runs turns in process (the channel has already
 * authenticated the young person with its own token) and gets the replies back directly.
 */
export class RelaisAdapter extends CloudAdapter {
  constructor(private readonly appId: string | undefined, auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  static fromSettings(settings: Settings): RelaisAdapter {
    const options: ConfigurationBotFrameworkAuthenticationOptions = {
      MicrosoftAppId: settings.MicrosoftAppId,
      MicrosoftAppPassword: settings.MicrosoftAppPassword,
      MicrosoftAppType: settings.MicrosoftAppType,
      MicrosoftAppTenantId: settings.MicrosoftAppTenantId,
    };
    return new RelaisAdapter(settings.MicrosoftAppId, new ConfigurationBotFrameworkAuthentication(options));
  }

  /** Runs one turn for an activity of the built-in channel and returns the bot's replies. */
  async processInProcess(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const claims = this.appId ? [{ type: 'aud', value: this.appId }, { type: 'appid', value: this.appId }] : [];
    const authResult: AuthenticateRequestResult = {
      audience: this.appId ?? '',
      claimsIdentity: new ClaimsIdentity(claims, true),
      connectorFactory: new InProcessConnectorFactory(),
      callerId: undefined,
    };
    const response = await this.processActivity(authResult, { ...activity, deliveryMode: 'expectReplies' } as Activity, logic);
    const body = response?.body as ExpectedReplies | undefined;
    return body?.activities ?? [];
  }
}
