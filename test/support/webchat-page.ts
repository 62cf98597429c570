import type { Browser, Page } from 'playwright-core';

/** A young person's phone: the web page at 390 px, chat opened, first bubble shown. */
export async function openChat(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.locator('#start').click();
  await page.waitForSelector('.webchat__bubble', { timeout: 20_000 });
  return page;
}

/** Types a message, then waits until the bubbles after it match the pattern; returns their text. */
export async function say(page: Page, text: string, pattern: RegExp): Promise<string> {
  const before = await page.locator('.webchat__bubble').count();
  const input = page.locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
  await input.fill(text);
  await input.press('Enter');
  return waitForBot(page, before, pattern);
}

export async function waitForBot(page: Page, before: number, pattern: RegExp): Promise<string> {
  let last = '';
  for (let i = 0; i < 100; i += 1) {
    // Web Chat typesets apostrophes (’): compare with plain ones.
    last = (await page.locator('.webchat__bubble').allInnerTexts()).slice(before).join('\n').replace(/[’‘]/g, "'");
    if (pattern.test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`no reply matching ${pattern} in:\n${last}`);
}
