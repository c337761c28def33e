// End-to-end: an open order follows a change another user saves, over the events stream opened with one-use tickets.
import { expect, test } from '@playwright/test';
import { apiAs, createDraftWithoutCustomer, signIn } from './support/portside-pages';

test('an open order shows a change saved elsewhere, and the events stream never carries the session token', async ({ page, request }) => {
  const streams: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/events') streams.push(req.url());
  });
  const draft = await createDraftWithoutCustomer(request, 'Subaru');
  await signIn(page);
  await page.goto(`/#/orders/${draft.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.orderNumber);
  await expect.poll(() => streams.length).toBeGreaterThan(0);

  const manager = await apiAs(request, 'manager');
  await manager.send('PUT', `/orders/${draft.id}`, { version: draft.version, notes: 'Saved by the manager while the CSR watched.' });
  await expect(page.getByText('Saved by the manager while the CSR watched.')).toBeVisible();

  for (const url of streams) {
    const query = new URL(url).searchParams;
    expect(query.has('ticket'), url).toBe(true);
    expect(query.has('token'), url).toBe(false);
  }
});
