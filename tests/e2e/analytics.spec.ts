// End-to-end: a manager opens the dashboard from the sidebar, filters it, clicks through to the matching orders, exports a CSV, prints, and opens an order's Analytics tab; a CSR has no dashboard.
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import type { Dashboard } from '../../core/domain/analytics';
import { ORDER_STATUSES } from '../../core/domain/order';
import { apiAs, signIn } from './support/portside-pages';

/** Where to keep screenshots for people to look at (set by hand, e.g. PORTSIDE_SHOTS_DIR=/tmp/shots; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;

/** The figures' slugs (data-figure on each card), for screenshots of every chart. */
const FIGURES = ['orders-by-status', 'pipeline', 'cycle-time', 'on-time', 'workload', 'weekly', 'money', 'outstanding', 'quiet-orders'];

async function shootFigures(page: Page, prefix: string): Promise<void> {
  if (!SHOTS) return;
  for (const slug of FIGURES) {
    const card = page.locator('section', { has: page.locator(`[data-figure^="${slug}"]`) });
    if ((await card.count()) === 1) await card.screenshot({ path: `${SHOTS}/${prefix}-${slug}.png` });
  }
}

test('a manager filters the dashboard, clicks a status bar through to the matching orders, exports a CSV and prints', async ({
  page,
  request,
}) => {
  const manager = await apiAs(request, 'manager');
  await signIn(page, 'manager', 'Mina Patel');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  await expect(page.getByTestId('dashboard-charts')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/analytics-dashboard.png`, fullPage: true });
  await shootFigures(page, 'analytics-all');

  // A filter goes into the hash's query (a link or a refresh keeps it) and narrows every figure.
  await page.getByLabel('Currency', { exact: true }).selectOption('JPY');
  await expect(page).toHaveURL(/#\/analytics\?currency=JPY$/);
  const figures = await manager.get<Dashboard>('/analytics/dashboard?currency=JPY');
  const total = ORDER_STATUSES.reduce((sum, s) => sum + figures.ordersByStatus[s], 0);
  await expect(page.locator('[data-figure="orders-by-status"]')).toContainText(`${total.toLocaleString('en-US')} orders`);
  await page.reload();
  await expect(page.getByLabel('Currency', { exact: true })).toHaveValue('JPY');

  // The smallest non-empty status fits on one page of the list: its bar's count is the list's row count.
  const [status, count] = ORDER_STATUSES.map((s) => [s, figures.ordersByStatus[s]] as const)
    .filter(([, n]) => n > 0 && n <= 50)
    .sort((a, b) => a[1] - b[1])[0] ?? ['', 0];
  expect(status, 'a status with 1 to 50 JPY orders in the demo data').not.toBe('');

  // Export the status figure: RFC 4180 with a BOM, the header and the clicked status's row.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Orders by status as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^portside-orders-by-status-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFStatus,Orders\r\n')).toBe(true);
  expect(csv.split('\r\n')).toContain(`${status},${count}`);

  // The table view is a real table with the same figures.
  await page.getByRole('group', { name: 'Orders by status: show as' }).getByRole('button', { name: 'Table' }).click();
  const table = page.getByRole('table', { name: 'Orders by status' });
  await expect(table.getByRole('row', { name: new RegExp(`^${status} ${count}$`) })).toBeVisible();
  await page.getByRole('group', { name: 'Orders by status: show as' }).getByRole('button', { name: 'Chart' }).click();

  // The printed report: the app's frame gone, the filters written out, a table per figure.
  await page.emulateMedia({ media: 'print' });
  const report = page.getByTestId('dashboard-report');
  await expect(report).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
  await expect(report.getByTestId('report-filters')).toHaveText('Currency JPY');
  await expect(report.getByRole('table', { name: 'Orders by status' })).toBeVisible();
  await expect(report.getByRole('table', { name: /Booked, collected and refunded per month in JPY/ })).toHaveCount(
    figures.monthlyMoney.length > 0 ? 1 : 0,
  );
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/analytics-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // A click on the bar opens the orders list with the dashboard's filter and the bar's status, as chips.
  await page.locator(`[data-bar="status:${status}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/orders\\?status=${encodeURIComponent(status).replace(/%20/g, '\\+')}&currency=JPY$`));
  const chips = page.getByTestId('filter-chips');
  await expect(chips.getByText(`Status: ${status}`)).toBeVisible();
  await expect(chips.getByText('Currency: JPY')).toBeVisible();
  const rows = page.locator('tr[data-order-number]');
  await expect(rows).toHaveCount(count);
  for (const row of await rows.all()) {
    await expect(row.locator('[data-status]').first()).toHaveAttribute('data-status', status);
    await expect(row).toContainText('¥');
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/analytics-orders-chips.png` });

  // Removing the status chip keeps the currency.
  await chips.getByRole('link', { name: `Remove filter Status: ${status}` }).click();
  await expect(page).toHaveURL(/#\/orders\?currency=JPY$/);
  await expect(chips.getByText(`Status: ${status}`)).toHaveCount(0);

  // An order's Analytics tab: every stage counted, schedule, forecast, payments and contact; printable.
  await rows.first().getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Analytics' }).click();
  const tab = page.getByTestId('order-analytics');
  await expect(tab.getByTestId('stage-counts').locator('[data-stage-count]')).toHaveCount(10);
  await expect(tab.getByTestId('schedule-tile').locator('[data-schedule]')).toBeVisible();
  await expect(tab.getByTestId('forecast-tile')).toContainText(/\S/);
  await expect(tab.getByTestId('payments-tile').getByRole('progressbar')).toBeVisible();
  await expect(tab.getByTestId('stage-time-grid')).toBeVisible();
  if (SHOTS) await tab.screenshot({ path: `${SHOTS}/analytics-order-tab.png` });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('order-report')).toBeVisible();
  await expect(page.getByTestId('order-report')).toContainText('Vehicles and their stages');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/analytics-order-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('a refused filter shows the server’s message at its field', async ({ page }) => {
  await signIn(page, 'manager', 'Mina Patel');
  await page.goto('/#/analytics?from=2026-05-01&to=2026-04-01');
  await expect(page.getByText('These filters were not accepted.')).toBeVisible();
  await expect(page.locator('[data-field-error]').filter({ hasText: 'from (2026-05-01) is after to (2026-04-01)' })).toBeVisible();
});

test('filters that match no order give empty figures that say so, not errors', async ({ page }) => {
  await signIn(page, 'manager', 'Mina Patel');
  await page.goto('/#/analytics?segment=no-such-segment-anywhere');
  await expect(page.getByTestId('dashboard-charts')).toBeVisible();
  await expect(page.locator('[data-figure="orders-by-status"]')).toContainText('0 orders');
  await expect(page.getByText('No orders match these filters.')).toBeVisible();
  await expect(page.getByText('Nothing is owed on the orders matching these filters.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export Orders by status as CSV' })).toBeDisabled();
  await shootFigures(page, 'analytics-empty');
});

test('a CSR has no Analytics entry, and the address says it is for managers', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Analytics' })).toHaveCount(0);
  await page.goto('/#/analytics');
  await expect(page.getByText('Managers only')).toBeVisible();
  // "g a" leads to the same page rather than anywhere broken.
  await page.goto('/#/orders');
  await page.locator('body').press('g');
  await page.locator('body').press('a');
  await expect(page.getByText('Managers only')).toBeVisible();
});
