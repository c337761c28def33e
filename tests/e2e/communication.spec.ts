// End-to-end: a CSR logs a call on an order and sees it in the Activity tab; an internal note looks different; a drafted e-mail offers the mail app.
import { expect, test } from '@playwright/test';
import { createConfirmedOrder, signIn } from './support/portside-pages';

/** Where to keep screenshots for people to look at (set by hand, e.g. PORTSIDE_SHOTS_DIR=/tmp/shots; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;

test('a CSR logs a call and an internal note in the Activity tab, and the two look different', async ({ page, request }) => {
  const order = await createConfirmedOrder(request, 'Toyota', 2);
  await signIn(page);
  await page.goto(`/#/orders/${order.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
  await page.getByRole('tab', { name: 'Activity' }).click();

  const composer = page.getByTestId('composer');
  await expect(composer).toHaveAttribute('data-mode', 'message');
  await composer.getByLabel('Channel').selectOption('phone');
  await composer.getByLabel('Direction').selectOption('in');
  // Sending an empty message is refused in the composer, next to the field.
  await composer.getByRole('button', { name: 'Log phone call' }).click();
  await expect(composer.getByLabel(/What was said/)).toHaveAttribute('aria-invalid', 'true');
  await composer.getByLabel(/What was said/).fill('Asked when the cars arrive.\nTold her next Friday.');
  await composer.getByRole('button', { name: 'Log phone call' }).click();
  await expect(page.getByTestId('toast')).toContainText('Phone call logged.');

  const call = page.getByTestId('activity-communication').filter({ hasText: 'Asked when the cars arrive.' });
  await expect(call).toHaveAttribute('data-channel', 'phone');
  await expect(call).toContainText('Call from the customer');

  // An internal note: the composer turns amber with a lock and says only the team sees it; Ctrl+Enter saves.
  await composer.getByRole('radio', { name: 'Internal note' }).click();
  await expect(composer).toHaveAttribute('data-mode', 'note');
  await expect(composer).toContainText('Only your team sees this');
  await composer.getByLabel(/^Note/).fill('She prefers calls after 5 pm.');
  await composer.getByLabel(/^Note/).press('Control+Enter');
  await expect(page.getByTestId('toast')).toContainText('Internal note added.');

  const note = page.getByTestId('activity-communication').filter({ hasText: 'She prefers calls after 5 pm.' });
  await expect(note).toHaveAttribute('data-channel', 'note');
  await expect(note).toContainText('only your team sees this');
  // Amber (the warning-soft token) for the note, white for the message to the customer.
  await expect(note).toHaveCSS('background-color', 'rgb(255, 250, 235)');
  await expect(call).toHaveCSS('background-color', 'rgb(255, 255, 255)');

  // Newest first: the note above the call.
  const bodies = await page.getByTestId('activity-communication').allInnerTexts();
  expect(bodies.findIndex((t) => t.includes('after 5 pm'))).toBeLessThan(bodies.findIndex((t) => t.includes('Asked when')));

  // Correct: the composer opens on the entry, and the original is marked as corrected.
  await call.getByRole('button', { name: 'Correct' }).click();
  await expect(composer).toContainText('Correcting the phone call');
  await composer.getByLabel(/What was said/).fill('Correction: told her next Thursday, not Friday.');
  await composer.getByRole('button', { name: 'Log phone call' }).click();
  await expect(call).toContainText('Corrected by a later entry.');

  // Without SMTP an e-mail is a draft to open in the mail app.
  await composer.getByRole('radio', { name: 'Message the customer' }).click();
  await composer.getByLabel('Channel').selectOption('email');
  await composer.getByLabel('Direction').selectOption('out');
  await composer.getByLabel('Subject').fill('Arrival next week');
  await composer.getByLabel(/^Message/).fill('Dear customer,\nyour cars arrive next week.');
  await composer.getByRole('button', { name: 'Send e-mail' }).click();
  const mail = page.getByTestId('activity-communication').filter({ hasText: 'Arrival next week' });
  await expect(mail.locator('[data-delivery="drafted"]')).toBeVisible();
  await expect(mail.getByRole('link', { name: 'Open in mail app' })).toHaveAttribute(
    'href',
    /^mailto:[^?]*\?subject=Arrival%20next%20week&body=Dear%20customer%2C%0D%0Ayour%20cars/,
  );

  if (SHOTS) await page.screenshot({ path: `${SHOTS}/comm-activity.png` });
  await note.scrollIntoViewIfNeeded();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/comm-timeline.png` });
});

test('a CSR sends a templated e-mail: the template fills subject and body from the order, and the e-mail joins the timeline', async ({
  page,
  request,
}) => {
  // A make no other spec takes: every spec shares one demo server and its available vehicles.
  const order = await createConfirmedOrder(request, 'Mazda', 1);
  await signIn(page);
  await page.goto(`/#/orders/${order.id}`);
  await page.getByRole('tab', { name: 'Activity' }).click();

  const composer = page.getByTestId('composer');
  await composer.getByRole('radio', { name: 'Message the customer' }).click();
  await composer.getByLabel('Channel').selectOption('email');
  await composer.getByLabel('Direction').selectOption('out');
  await composer.getByRole('button', { name: 'Use a template' }).click();
  const picker = composer.getByTestId('template-picker');
  await picker.getByRole('option', { name: /Status update/ }).click();
  // The preview is the template filled in from this order; "Use" puts it in the composer, still editable.
  await expect(picker).toContainText(order.orderNumber);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/comm-template-picker.png` });
  await picker.getByRole('button', { name: 'Use', exact: true }).click();
  await expect(picker).toBeHidden();
  await expect(composer.getByLabel('Subject')).toHaveValue(new RegExp(order.orderNumber));
  await expect(composer.getByLabel(/^Message/)).toHaveValue(new RegExp(order.orderNumber));
  await expect(composer.getByLabel(/^Message/)).not.toHaveValue(/\{\{/);
  await composer.getByRole('button', { name: 'Send e-mail' }).click();
  await expect(page.getByTestId('toast')).toContainText('draft');

  const mail = page.getByTestId('activity-communication').filter({ hasText: order.orderNumber }).first();
  await expect(mail).toHaveAttribute('data-channel', 'email');
  await expect(mail.locator('[data-delivery="drafted"]')).toBeVisible();
});
