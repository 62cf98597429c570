import { describe, expect, it } from 'vitest';
import { describeSettings, parseSettings, SettingsError } from '../../bot/config/settings.js';

describe('settings', () => {
  it('when nothing is set, the defaults give an anonymous server on loopback port 3978', () => {
    const settings = parseSettings({});
    expect(settings.PORT).toBe(3978);
    expect(settings.anonymous).toBe(true);
    expect(settings.listenHost).toBe('127.0.0.1');
    expect(settings.DATA_DIR).toBe('./data');
  });

  it('when a setting is invalid, the error names the setting and the problem', () => {
    expect(() => parseSettings({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseSettings({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => parseSettings({ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'p' })).toThrow(/MicrosoftAppTenantId/);
    expect(() => parseSettings({ NODE_ENV: 'production' })).toThrow(SettingsError);
  });

  it('when an app id is set, the server listens on every interface', () => {
    const settings = parseSettings({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' });
    expect(settings.anonymous).toBe(false);
    expect(settings.listenHost).toBe('0.0.0.0');
  });

  it('every setting is documented', () => {
    for (const row of describeSettings()) expect(row.meaning.length, row.name).toBeGreaterThan(10);
  });
});
