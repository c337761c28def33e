// Regenerates docs/screenshot.png (the README's picture) from a running browser-mode Portside.
// Usage: npm start (or npm run server with PORTSIDE_DEMO=1), then: node scripts/readme-screenshot.mjs http://127.0.0.1:4310
import { chromium } from '@playwright/test';
import chromiumLaunch from '../tests/e2e/support/chromium-launch.json' with { type: 'json' };

const base = process.argv[2] ?? 'http://127.0.0.1:4310';
const browser = await chromium.launch({ ...chromiumLaunch, executablePath: process.env.CHROMIUM_PATH ?? chromiumLaunch.executablePath });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(base);
  await page.getByLabel('Username').fill('csr');
  await page.getByLabel('Password').fill('portside-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'In Progress' }).click();
  await page.locator('tbody tr a').first().waitFor();
  // The order on the first page with the most vehicles ("done/total" in its row) shows the most.
  const rows = page.locator('tbody tr[data-order-number]');
  const totals = await rows.evaluateAll((trs) => trs.map((tr) => Number(/\d+\/(\d+)/.exec(tr.textContent ?? '')?.[1] ?? 0)));
  const best = totals.indexOf(Math.max(...totals));
  await rows.nth(best).locator('a').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('Wrote docs/screenshot.png');
} finally {
  await browser.close();
}
