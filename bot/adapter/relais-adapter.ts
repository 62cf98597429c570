import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ExpectedReplies,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, ClaimsIdentity, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type AuthenticateRequestResult } from 'botframework-connector';
import type { Settings } from '../config/settings.js';

/**
 * Connector for turns of the built-in channel: replies come back in the turn result, so it is never called over
 * HTTP. One client for all of them (its HTTP pipeline took a few percent of a turn's CPU to build each time).
 */
class InProcessConnectorFactory extends ConnectorFactory {
  private readonly clients = new Map<string, ConnectorClient>();

  override async create(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
      this.clients.set(serviceUrl, client);
    }
    return client;
  }
}

/**
 * The Bot Framework adapter of Relais. /api/messages goes through CloudAdapter with Bot Framework
 * authentication; the built-in Direct Line channel runs turns in process (the channel has already
 * authenticated the young person with its own token) and gets the replies back directly.
 */
export class RelaisAdapter extends CloudAdapter {
  private readonly inProcessConnectors = new InProcessConnectorFactory();

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

  /**
   * One activity of /api/messages, authenticated by Bot Framework. Unlike CloudAdapter.process, a refused
   * token is a plain 401 and a failure to reach Microsoft's signing keys a 503 ('unavailable'), neither
   * printing a stack nor sending the network error's text to the caller.
   */
  async processChannelActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<{ status: number; body?: unknown; unavailable?: string }> {
    try {
      const response = await this.processActivity(authHeader, activity, logic);
      return { status: response?.status ?? 200, body: response?.body };
    } catch (error) {
      if (error instanceof AuthenticationError || (error as { statusCode?: number }).statusCode === 401) return { status: 401, body: { error: 'Unauthorized' } };
      const code = (error as { code?: string; name?: string }).code ?? '';
      if ((error as { name?: string }).name === 'FetchError' || /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|UND_ERR_\w+)$/.test(code)) {
        return { status: 503, body: { error: 'Authentication service unreachable, retry later' }, unavailable: code || 'fetch failed' };
      }
      throw error;
    }
  }

  /** Runs one turn for an activity of the built-in channel and returns the bot's replies. */
  async processInProcess(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const claims = this.appId ? [{ type: 'aud', value: this.appId }, { type: 'appid', value: this.appId }] : [];
    const authResult: AuthenticateRequestResult = {
      audience: this.appId ?? '',
      claimsIdentity: new ClaimsIdentity(claims, true),
      connectorFactory: this.inProcessConnectors,
      callerId: undefined,
    };
    const response = await this.processActivity(authResult, { ...activity, deliveryMode: 'expectReplies' } as Activity, logic);
    const body = response?.body as ExpectedReplies | undefined;
    return body?.activities ?? [];
  }
}
