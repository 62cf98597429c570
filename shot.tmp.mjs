import { chromium } from 'playwright-core';
const url = process.argv[2] ?? 'http://localhost:3999';
const msgs = process.argv.slice(3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })).newPage();
await page.goto(url);
await page.screenshot({ path: '/tmp/shots/0-landing.png' });
await page.locator('#start').click();
await page.waitForSelector('.webchat__bubble', { timeout: 20000 });
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/shots/1-welcome.png' });
let i = 2;
for (const m of msgs) {
  const input = page.locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
  await input.fill(m); await input.press('Enter');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shots/${i++}-msg.png` });
}
const texts = await page.locator('.webchat__bubble').allInnerTexts();
console.log(texts.join('\n-----\n'));
await browser.close();
