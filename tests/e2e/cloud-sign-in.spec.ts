// Cloud sign-in clicked through as a CSR does it: a browser-mode Portside in cloud mode against its own cognito-local (first
// sign-in's new password, forgot password, refusals, offline unlock, sign out everywhere).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type CognitoLocal, startCognitoLocal } from '../support/cognito-local';
import { DEMO_PASSWORD } from './support/portside-pages';

const ROOT = resolve(import.meta.dirname, '../..');
const READY = /Portside listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 60_000;
const SHOTS = resolve(ROOT, '../shots');

const ANA = { email: 'ana.rossi@portside.example', name: 'Ana Rossi', temporary: 'Temporary-1', password: 'Harbour-Ana-2' };
const BEN = { email: 'ben.okafor@portside.example', name: 'Ben Okafor', password: 'Harbour-Ben-1', reset: 'Harbour-Ben-2' };
const NOBODY = { email: 'no.group@portside.example', name: 'Nora Group', password: 'Harbour-Nora-1' };

interface CloudServer {
  url: string;
  child: ChildProcess;
  dataDir: string;
  output(): string;
}

/** dist/server.mjs in cloud mode against `cognito` (demo data on, so the local demo accounts exist and must be refused). */
function startCloudServer(cognito: CognitoLocal): Promise<CloudServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portside-e2e-cloud-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORTSIDE_PORT: '0', PORTSIDE_DATA_DIR: dataDir, PORTSIDE_DEMO: '1', ...cognito.env() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`The cloud-mode server did not start within ${START_TIMEOUT_MS / 1000} s. Output:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      const match = READY.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.removeAllListeners('exit');
      ready({ url: match[1], child, dataDir, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      fail(new Error(`The cloud-mode server exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'}):\n${output}`));
    });
  });
}

function stopServer(server: CloudServer): Promise<void> {
  return new Promise((done) => {
    const finish = (): void => {
      rmSync(server.dataDir, { recursive: true, force: true });
      done();
    };
    if (server.child.exitCode !== null || server.child.signalCode !== null) return finish();
    server.child.once('exit', finish);
    server.child.kill('SIGTERM');
    setTimeout(() => server.child.kill('SIGKILL'), 10_000).unref();
  });
}

let cognito: CognitoLocal | undefined;
let server: CloudServer | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cognito = await startCognitoLocal();
  await cognito.createUser(ANA.email, { temporaryPassword: ANA.temporary, name: ANA.name, groups: ['CSR'] });
  await cognito.createUser(BEN.email, { password: BEN.password, name: BEN.name, groups: ['CSR'] });
  await cognito.createUser(NOBODY.email, { password: NOBODY.password, name: NOBODY.name, groups: [] });
  server = await startCloudServer(cognito);
});

test.afterAll(async () => {
  cognito?.setOffline(false);
  if (server) await stopServer(server);
  await cognito?.stop();
});

function pool(): CognitoLocal {
  if (!cognito) throw new Error('cognito-local did not start');
  return cognito;
}

async function openSignIn(page: Page): Promise<void> {
  if (!server) throw new Error('the cloud-mode server did not start');
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Use your company account to open the order desk.')).toBeVisible();
}

async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in and waits for the frame; a refusal fails with the screen's own words. */
async function signInAs(page: Page, username: string, password: string, displayName: string): Promise<void> {
  await openSignIn(page);
  await submitSignIn(page, username, password);
  const frame = page.getByTestId('signed-in-user');
  const refusal = page.getByRole('alert');
  await expect(frame.or(refusal)).toBeVisible({ timeout: 30_000 });
  if (await refusal.isVisible()) throw new Error(`Sign-in as ${username} was refused: ${await refusal.innerText()}`);
  await expect(frame).toHaveText(displayName);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

const userMenu = (page: Page) => page.getByTestId('signed-in-user').locator('xpath=ancestor::div[2]');
const analyticsNav = (page: Page) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Analytics' });

test('first sign-in: the temporary password leads to "Choose your password", then Orders as a CSR', async ({ page }) => {
  await openSignIn(page);
  await submitSignIn(page, ANA.email, ANA.temporary);
  await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`First sign-in for ${ANA.email}`)).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill(ANA.password);
  await page.getByLabel('Repeat the new password').fill(`${ANA.password}x`);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByText('The two passwords differ: type the same one twice.')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'cloud-e2e-choose-password.png') });

  await page.getByLabel('Repeat the new password').fill(ANA.password);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(ANA.name, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await expect(userMenu(page)).toContainText('CSR');
  await expect(userMenu(page)).not.toContainText('Manager');
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Orders' })).toBeVisible();
  await expect(analyticsNav(page)).toHaveCount(0);
  await signOut(page);
});

test('forgot password: the e-mailed code and a new password, then sign-in with it', async ({ page }) => {
  await openSignIn(page);
  await page.getByRole('button', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Username').fill(BEN.email);
  await page.getByRole('button', { name: 'Send the code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter the code' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('a 6-digit code is on its way')).toBeVisible();

  await expect.poll(() => pool().lastCode(), { message: 'the code cognito-local "sent"' }).toMatch(/^\d{6}$/);
  await page.getByLabel('Code from the e-mail').fill(pool().lastCode() ?? '');
  await page.getByLabel('New password', { exact: true }).fill(BEN.reset);
  await page.getByLabel('Repeat the new password').fill(BEN.reset);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText('Your password has been changed. Sign in with the new one.')).toBeVisible({ timeout: 30_000 });

  await submitSignIn(page, BEN.email, BEN.reset);
  await expect(page.getByTestId('signed-in-user')).toHaveText(BEN.name, { timeout: 30_000 });
  await signOut(page);
});

test('refusals: a wrong password, a user in no group, and the local demo account', async ({ page }) => {
  await openSignIn(page);
  // Against an emulator the screen lists the pool's demo users (e-mail usernames), never the local `csr`.
  await expect(page.getByRole('button', { name: /^Use demo account csr / })).toHaveCount(0);

  await submitSignIn(page, ANA.email, 'Not-Her-Password-1');
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password. Check both and try again.', { timeout: 30_000 });

  await submitSignIn(page, NOBODY.email, NOBODY.password);
  await expect(page.getByRole('alert')).toContainText("Your account is in none of Portside's groups (CSR, Manager, Admin)", {
    timeout: 30_000,
  });
  await expect(page.getByRole('alert')).toContainText('no role here');

  await submitSignIn(page, 'csr', DEMO_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password. Check both and try again.', { timeout: 30_000 });
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
});

test('offline unlock: the password last used online opens an "Offline session" whose changes are saved', async ({ page }) => {
  await signInAs(page, ANA.email, ANA.password, ANA.name);
  await expect(page.getByTestId('offline-session-badge')).toHaveCount(0);
  await signOut(page);

  pool().setOffline(true);
  try {
    await submitSignIn(page, ANA.email, ANA.password);
    await expect(page.getByTestId('signed-in-user')).toHaveText(ANA.name, { timeout: 30_000 });
    await expect(page.getByTestId('offline-session-badge')).toHaveText('Offline session');
    const banner = page.getByRole('status').filter({ hasText: 'could not reach the sign-in service' });
    await expect(banner).toContainText('You work as CSR');

    const customer = `Offline Harbour ${Date.now()}`;
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel(/^Name/).fill(customer);
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByLabel('Search customers').fill(customer);
    await expect(page.getByRole('row').filter({ hasText: customer })).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: 'Aroha Anderson' })).toHaveCount(0);
    await page.screenshot({ path: join(SHOTS, 'cloud-e2e-offline-session.png') });

    // Saved on the server, not just shown: the record is there after a reload too.
    await page.reload();
    await expect(page.getByTestId('offline-session-badge')).toBeVisible();
    await page.getByLabel('Search customers').fill(customer);
    await expect(page.getByRole('row').filter({ hasText: customer })).toHaveCount(1);
    await signOut(page);
  } finally {
    pool().setOffline(false);
  }
});

test('Sign out everywhere in the user menu returns to the sign-in screen', async ({ page }) => {
  await signInAs(page, ANA.email, ANA.password, ANA.name);
  await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
  const confirm = page.getByRole('group', { name: 'Sign out everywhere' });
  await expect(confirm).toContainText('Sign out on this computer and on every other device?');
  const callsBefore = pool().calls.filter((c) => c === 'GlobalSignOut').length;
  await confirm.getByRole('button', { name: 'Yes, sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
  expect(pool().calls.filter((c) => c === 'GlobalSignOut').length, 'GlobalSignOut reached the pool').toBeGreaterThan(callsBefore);
});
