import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../bot/config/settings.js';
import { splitMessage, toPlatformText } from '../../bot/messaging/platform-text.js';
import { TELEGRAM_HTML } from '../../bot/messaging/telegram/telegram-platform.js';
import { WHATSAPP_TEXT } from '../../bot/messaging/whatsapp/whatsapp-platform.js';

describe("the bot's Markdown in each app's formatting", () => {
  const source = '**Titre** et _note_\n\n- un [lien](https://example.org/a?b=1&c=2)\n- appelle le [3114](tel:3114)\n\n<script>alert(1)</script> & co';

  it('Telegram: its HTML tags, tags in the text escaped, no tel: link (refused by Telegram), bullets', () => {
    expect(toPlatformText(source, TELEGRAM_HTML)).toBe('<b>Titre</b> et <i>note</i>\n\n• un <a href="https://example.org/a?b=1&amp;c=2">lien</a>\n• appelle le 3114\n\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
  });

  it('WhatsApp: *bold*, _italic_, links written out, numbers left for the app to make tappable', () => {
    expect(toPlatformText(source, WHATSAPP_TEXT)).toBe('*Titre* et _note_\n\n• un lien (https://example.org/a?b=1&c=2)\n• appelle le 3114\n\n<script>alert(1)</script> & co');
  });

  it('splits a long text at the limit, between paragraphs first, losing no word', () => {
    const paragraph = (n: number) => Array.from({ length: 120 }, (_, i) => `mot${n}-${i}`).join(' ');
    const text = [1, 2, 3, 4, 5].map(paragraph).join('\n\n');
    const parts = splitMessage(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    expect(splitMessage('x'.repeat(5000), 2000).map((p) => p.length)).toEqual([2000, 2000, 1000]);
  });
});

describe('messaging channel settings', () => {
  it('refuses a Telegram token without its webhook secret, and a WhatsApp set that is not complete', () => {
    expect(() => parseSettings({ TELEGRAM_BOT_TOKEN: '1:x' })).toThrow(/TELEGRAM_WEBHOOK_SECRET: required/);
    expect(() => parseSettings({ TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow(/16 to 256/);
    expect(() => parseSettings({ WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '1' })).toThrow(/WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN: required/);
  });
});
