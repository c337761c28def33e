// The Admin screen in the browser: the demo Admin creates a user, resets a password, disables an account, unlocks a locked-out one and reads the sign-in history; a CSR has no Admin entry.
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, signIn } from './support/portside-pages';

/** Screenshots for people to look at (the Admin brief asks for them here); tests do not need them. */
const SHOTS = process.env.PORTSIDE_SHOTS_DIR ?? '/work/wt/shots';
const suffix = Date.now().toString(36);

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/admin-${name}.png`, fullPage: true });
}

function row(page: Page, username: string) {
  return page.getByTestId('user-row').and(page.locator(`[data-username="${username}"]`));
}

test('the demo Admin creates a user, resets a password, disables an account, unlocks a locked-out one and reads the sign-in history', async ({
  page,
  request,
}) => {
  const newUser = `dock.${suffix}`;
  const lockedUser = `yard.${suffix}`;
  // An account locked out by failed sign-ins through the API (five free, the sixth locks it).
  const admin = await apiAs(request, 'admin');
  await admin.send('POST', '/users', {
    username: lockedUser,
    displayName: 'Yara Lock',
    roles: ['CSR'],
    password: 'harbour lights at dawn',
  });
  for (let i = 0; i < 6; i++) {
    const res = await request.post('/auth/login', { data: { username: lockedUser, password: 'not the password' } });
    expect([401, 429]).toContain(res.status());
  }

  await signIn(page, 'admin', 'Alex Okafor');
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL(/#\/admin$/);
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(row(page, 'jordan')).toContainText('Disabled');
  // The first lockouts last seconds (then double): the row shows the failures either way.
  await expect(row(page, lockedUser)).toContainText(/Locked|6 failed sign-ins/);
  await shot(page, 'screen');

  // New user.
  await page.getByRole('button', { name: 'New user' }).click();
  const create = page.getByRole('dialog', { name: 'New user' });
  await create.getByLabel('Username').fill(newUser);
  await create.getByLabel('Display name').fill('Dana Dock');
  await create.getByRole('checkbox', { name: /Manager/ }).check();
  await create.getByLabel('Initial password').fill('short');
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByText(/at least 12 characters/)).toBeVisible();
  await create.getByLabel('Initial password').fill('harbour lights at dawn');
  await shot(page, 'new-user');
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByText(`Dana Dock can now sign in as ${newUser}`)).toBeVisible();
  await expect(row(page, newUser)).toContainText('CSR');
  await expect(row(page, newUser)).toContainText('Manager');

  // Reset the password: the new one signs in.
  await page.getByRole('button', { name: 'Reset the password of Dana Dock' }).click();
  const reset = page.getByRole('dialog', { name: 'Reset the password of Dana Dock' });
  await reset.getByLabel('New password').fill('a brand new harbour key');
  await reset.getByRole('button', { name: 'Set password' }).click();
  await expect(reset).toBeHidden();
  await expect(page.getByText('New password set for Dana Dock')).toBeVisible();
  const login = await request.post('/auth/login', { data: { username: newUser, password: 'a brand new harbour key' } });
  expect(login.status()).toBe(200);

  // Disable, after a confirmation.
  await page.getByRole('button', { name: 'Edit Dana Dock' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Dana Dock' });
  await edit.getByRole('checkbox', { name: /Disabled/ }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('Disable Dana Dock?')).toBeVisible();
  await shot(page, 'confirm-disable');
  await edit.getByRole('button', { name: 'Disable account' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Dana Dock is disabled and signed out everywhere')).toBeVisible();
  await expect(row(page, newUser)).toContainText('Disabled');
  const refused = await request.post('/auth/login', { data: { username: newUser, password: 'a brand new harbour key' } });
  expect(refused.status()).toBe(401);

  // Unlock the locked-out account.
  await page.getByRole('button', { name: 'Unlock Yara Lock' }).click();
  await expect(page.getByText('Yara Lock can sign in again')).toBeVisible();
  await expect(row(page, lockedUser)).toContainText('Active');
  await expect(row(page, lockedUser)).not.toContainText('failed sign-ins');
  expect((await request.post('/auth/login', { data: { username: lockedUser, password: 'harbour lights at dawn' } })).status()).toBe(200);

  // The sign-in history of that account: failures highlighted with their reason, the lockout, the unlock.
  await page.getByTestId('history-filter').selectOption(lockedUser);
  const history = page.getByRole('list', { name: 'Sign-in history' });
  await expect(history.getByTestId('sign-in-event').first()).toContainText('Signed in');
  await expect(history.locator('[data-kind="unlocked"]')).toContainText('by Alex Okafor');
  await expect(history.locator('[data-kind="locked"]')).toBeVisible();
  await expect(history.locator('[data-kind="failed"]').first()).toContainText('Wrong password');
  await history.scrollIntoViewIfNeeded();
  await page
    .getByRole('heading', { name: 'Sign-in history' })
    .locator('xpath=ancestor::section')
    .screenshot({ path: `${SHOTS}/admin-history.png` });

  // "g u" comes back here from anywhere.
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.keyboard.press('g');
  await page.keyboard.press('u');
  await expect(page).toHaveURL(/#\/admin$/);
});

test('a CSR has no Admin entry, and #/admin says it is for Admins', async ({ page }) => {
  await signIn(page, 'csr', 'Casey Morgan');
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/#/admin');
  await expect(page.getByText('Admins only')).toBeVisible();
  await shot(page, 'csr');
  expect(DEMO_PASSWORD).toBe('portside-demo');
});
