// The Templates screen in the browser: the demo Admin edits a template, sees an unknown placeholder refused, and previews against an order.
import { expect, test } from '@playwright/test';
import { signIn } from './support/portside-pages';

/** Where to keep screenshots for people to look at (set by hand, e.g. PORTSIDE_SHOTS_DIR=/tmp/shots; tests do not need them). */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR;

test('the demo Admin edits a template: an unknown placeholder is refused by name, the palette inserts at the caret, the preview fills from an order', async ({
  page,
}) => {
  await signIn(page, 'admin', 'Alex Okafor');
  await page.getByRole('link', { name: 'Templates' }).click();
  await expect(page).toHaveURL(/#\/templates$/);
  await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible();
  await page
    .getByRole('list', { name: 'Templates' })
    .getByRole('button', { name: /Payment reminder/ })
    .click();

  const form = page.getByRole('form', { name: 'Template' });
  const subject = form.getByLabel('Subject');
  await expect(subject).toHaveValue('Payment reminder for order {{order.number}}');

  // A mistyped placeholder is refused by the server as you type, naming it and the right one.
  await subject.fill('Payment reminder for order {{order.numbr}}');
  await expect(form.getByText('Did you mean {{order.number}}?')).toBeVisible();
  // Saving it is refused too, and nothing is saved.
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form.getByText(/Subject uses \{\{order\.numbr\}\}/)).toBeVisible();

  // The palette puts a placeholder where the caret is.
  await subject.fill('Payment reminder for order ');
  await subject.press('End');
  await page.getByRole('group', { name: 'Placeholders' }).getByRole('button', { name: '{{order.number}}' }).click();
  await expect(subject).toHaveValue('Payment reminder for order {{order.number}}');
  await expect(form.getByText('Did you mean')).toHaveCount(0);

  // Preview against a demo order: its number, customer and balance are filled in.
  const choice = page.getByLabel('Preview with order');
  const labels = await choice.locator('option').allTextContents();
  const label = labels.find((l) => l.includes(' · ') && !l.includes('No customer')) ?? '';
  const [orderNumber = '', customerName = ''] = label.split(' · ');
  await choice.selectOption({ label });
  const preview = page.getByTestId('rendered-message').first();
  await expect(preview.getByTestId('rendered-subject')).toHaveText(`Payment reminder for order ${orderNumber}`);
  await expect(preview.getByTestId('rendered-body')).toContainText(`Dear ${customerName},`);
  await expect(preview.getByTestId('rendered-body')).toContainText('a balance of');
  await expect(preview.getByTestId('rendered-body')).not.toContainText('{{');

  // Edit the body and save at its version: a toast, and the list keeps the template.
  const body = form.getByLabel('Body');
  await body.fill(
    'Dear {{customer.name}},\n\nA balance of {{order.balanceDue}} is due on {{order.number}}.\n\nKind regards,\n{{csr.name}}',
  );
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Template "Payment reminder" saved.');
  await expect(preview.getByTestId('rendered-body')).toContainText('Kind regards,\nAlex Okafor');

  // The composer's picker, as a CSR sees it for that order.
  const picker = page.getByTestId('template-picker');
  await picker.getByRole('option', { name: /Payment reminder/ }).click();
  await expect(picker.getByTestId('rendered-body')).toContainText(`is due on ${orderNumber}`);
  await page.locator('main').evaluate((main: { scrollTo(x: number, y: number): void }) => main.scrollTo(0, 0));
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/templates-editor.png` });
  await picker.getByRole('button', { name: 'Use' }).click();
  await expect(page.getByTestId('applied-subject')).toHaveText(`Payment reminder for order ${orderNumber}`);
  // The status update shows the order's vehicles as a table whose columns line up.
  await picker.getByRole('option', { name: /Status update/ }).click();
  await expect(picker.getByTestId('rendered-body')).toContainText(/VIN\s+Vehicle\s+Stage\s+Since/);
  await expect(page.getByTestId('toast')).toBeHidden();
  if (SHOTS) await picker.screenshot({ path: `${SHOTS}/templates-picker.png` });
});

test('a CSR reads and previews templates but cannot edit them', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByText('Editing is for Admins')).toBeVisible();
  const form = page.getByRole('form', { name: 'Template' });
  await expect(form.getByText('Only an Admin can change templates.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save template' })).toHaveCount(0);
  await expect(form.getByLabel('Body')).toHaveAttribute('readonly', '');
});
