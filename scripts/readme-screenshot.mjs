// Regenerates docs/screenshot.png (the README's picture) from a running browser-mode Portside.
// Usage: npm start (or npm run server with PORTSIDE_DEMO=1), then: node scripts/readme-screenshot.mjs http://127.0.0.1:4310
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4310';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(base);
  await page.getByLabel('Username').fill('csr');
  await page.getByLabel('Password').fill('portside-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'In Progress' }).click();
  await page.locator('tbody tr a').first().waitFor();
  // An order with several vehicles at different stages shows the most.
  const links = page.locator('tbody tr a');
  await links.nth(2).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('Wrote docs/screenshot.png');
} finally {
  await browser.close();
}
