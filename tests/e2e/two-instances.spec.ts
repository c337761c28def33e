// Two browser-mode instances syncing through DynamoDB Local: an edit in one shows live in the other, and a conflict is resolved on the Sync screen.
import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { Customer } from '../../core/domain/customer';
import type { Order } from '../../core/domain/order';
import type { Vehicle } from '../../core/domain/vehicle';
import type { SyncStatus } from '../../core/domain/sync-status';
import { DEMO_PASSWORD, signIn } from './support/portside-pages';
import { type Instance, startTwoInstances, type TwoInstances } from './support/two-instances';

/** Sync waits: generous, for a loaded two-core CI machine; every one waits on a condition, never on time alone. */
const SYNCED = { timeout: 30_000 };

let instances: TwoInstances;
/** Confirmed orders made in A for this file, one per test (the instances live for the whole file). */
let orders: { live: Order; conflict: Order };
/** Casey signed in to A and Mina to B, each in a browser context of their own, for the whole file (a sign-in costs seconds on CI). */
let casey: Csr;
let mina: Csr;

test.beforeAll(async ({ browser }) => {
  // DynamoDB Local (Java) and two servers starting on a busy two-core machine: more than one test's minute at worst.
  test.setTimeout(120_000);
  instances = await startTwoInstances();
  const { a, b } = instances;
  orders = { live: await confirmedOrder(a, 'Aroha Ngata'), conflict: await confirmedOrder(a, 'Tane Whitu') };
  // Both orders reach B, and both instances have nothing left to send.
  await expect
    .poll(
      async () => {
        const [sa, sb] = await Promise.all([syncStatus(a), syncStatus(b)]);
        if (!sa.bootstrapped || !sb.bootstrapped || sa.pending > 0 || sb.pending > 0) return 'syncing';
        const inB = await Promise.all(
          [orders.live, orders.conflict].map((o) => call<Order>(b, 'admin', `/orders/${o.id}`).catch(() => null)),
        );
        return inB.every((o, i) => o?.version === [orders.live, orders.conflict][i]?.version) ? 'in both' : 'not in B yet';
      },
      { message: 'the test orders in both instances', timeout: 90_000, intervals: [250] },
    )
    .toBe('in both');
  [casey, mina] = await Promise.all([csrOn(browser, a, 'csr', 'Casey Morgan'), csrOn(browser, b, 'manager', 'Mina Patel')]);
});

test.afterEach(async () => {
  const testInfo = test.info();
  // A failed sync check is explained by the instances' own lines (the loop logs each kind of failure once).
  if (testInfo.status === testInfo.expectedStatus || !instances) return;
  for (const instance of [instances.a, instances.b]) {
    await testInfo.attach(`instance ${instance.name} output`, { body: instance.output(), contentType: 'text/plain' });
  }
});

test.afterAll(async () => {
  await Promise.all([casey?.context.close(), mina?.context.close()]);
  await instances?.stop();
});

/** One session per instance and user for the test's own calls: every sign-in is an audited change that syncs, so not one per call. */
const sessions = new Map<string, Promise<string>>();

function tokenFor(instance: Instance, username: string): Promise<string> {
  const key = `${instance.url} ${username}`;
  let token = sessions.get(key);
  if (!token) {
    token = (async () => {
      const login = await fetch(`${instance.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (!login.ok) throw new Error(`sign-in as ${username} on ${instance.name}: ${login.status} ${await login.text()}`);
      return ((await login.json()) as { token: string }).token;
    })();
    token.catch(() => sessions.delete(key));
    sessions.set(key, token);
  }
  return token;
}

/** A call to one instance's HTTP API as `username`. */
async function call<T>(instance: Instance, username: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const token = await tokenFor(instance, username);
  const res = await fetch(`${instance.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} on ${instance.name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const syncStatus = (instance: Instance): Promise<SyncStatus> => call<SyncStatus>(instance, 'admin', '/sync/status');
const syncNow = (instance: Instance): Promise<unknown> => call(instance, 'admin', '/sync/run', { method: 'POST', body: {} });

/** A customer with a Confirmed order for two vehicles, made by the CSR of `instance` (Japanese chassis numbers need no check digit). */
async function confirmedOrder(instance: Instance, customerName: string): Promise<Order> {
  const csr = <T>(path: string, method = 'GET', body?: unknown): Promise<T> => call<T>(instance, 'csr', path, { method, body });
  const customer = await csr<Customer>('/customers', 'POST', { name: customerName });
  const vehicles: Vehicle[] = [];
  for (const model of ['Prius', 'Aqua']) {
    const chassis = `NHP10-${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
    vehicles.push(
      await csr('/vehicles', 'POST', { vin: chassis, make: 'Toyota', model, year: 2019, purchasePrice: 900_000, currency: 'JPY' }),
    );
  }
  const draft = await csr<Order>('/orders', 'POST', {
    customerId: customer.id,
    currency: 'JPY',
    vehicles: vehicles.map((v) => ({ vehicleId: v.id })),
  });
  return csr<Order>(`/orders/${draft.id}`, 'PUT', { version: draft.version, status: 'Confirmed' });
}

interface Csr {
  context: BrowserContext;
  page: Page;
}

/** A CSR signed in to one instance in a browser context of their own (its base URL is that instance). */
async function csrOn(browser: Browser, instance: Instance, username: string, displayName: string): Promise<Csr> {
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  await signIn(page, username, displayName);
  return { context, page };
}

test('an edit saved in instance A shows live in instance B, without losing what the CSR in B is typing', async () => {
  const order = orders.live;

  // Mina (B) has the order open and is writing notes in its Edit details dialog, not saved yet.
  await mina.page.goto(`/#/orders/${order.id}`);
  await expect(mina.page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);
  await mina.page.getByRole('button', { name: 'Edit details' }).click();
  const dialogB = mina.page.getByRole('dialog');
  const typing = `Customer asked to ship together (${randomUUID().slice(0, 8)})`;
  const notesB = dialogB.getByLabel('Notes for the team');
  await notesB.fill(typing);

  // Casey (A) moves the target date on the same order in A's own Edit details dialog.
  await casey.page.goto(`/#/orders/${order.id}`);
  await casey.page.getByRole('button', { name: 'Edit details' }).click();
  const dialogA = casey.page.getByRole('dialog');
  await dialogA.getByLabel('Estimated completion').fill('2031-03-14');
  await dialogA.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialogA).toBeHidden();
  await expect(casey.page.getByTestId('order-target-date')).toHaveText('14 Mar 2031');

  // B shows it without a reload: the page behind the dialog and the dialog's untouched date field follow the order...
  await expect(mina.page.getByTestId('order-target-date')).toHaveText('14 Mar 2031', SYNCED);
  await expect(dialogB.getByLabel('Estimated completion')).toHaveValue('2031-03-14');
  await expect(dialogB.getByTestId('changed-meanwhile')).toContainText('Casey Morgan changed this order while you were editing');
  await expect(mina.page.getByText(`last change by Casey Morgan`)).toBeVisible();
  // ...while what Mina typed is still there, and she is still typing in it.
  await expect(notesB).toHaveValue(typing);
  await expect(notesB).toBeFocused();
  await notesB.press('End');
  await notesB.pressSequentially('.');

  // Her save is on top of Casey's change (no "someone else changed it" refusal), and it reaches A live too.
  await dialogB.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialogB).toBeHidden();
  await expect(mina.page.getByText(`${typing}.`)).toBeVisible();
  await expect(casey.page.getByText(`${typing}.`)).toBeVisible(SYNCED);
  await expect(casey.page.getByTestId('order-target-date')).toHaveText('14 Mar 2031');
});

test('both instances edit the same notes offline; B sees the conflict side by side, keeps its own, and A ends with it', async () => {
  const { a, b } = instances;
  const order = orders.conflict;
  const tag = randomUUID().slice(0, 8);
  const caseyNotes = `Deliver to the Napier yard on Monday (${tag}).`;
  const minaNotes = `Customer collects from the port on Tuesday (${tag}).`;
  await casey.page.goto(`/#/orders/${order.id}`);
  await expect(casey.page.getByRole('heading', { level: 1 })).toHaveText(order.orderNumber);

  // Both laptops lose the network; each CSR edits the same order's notes.
  await Promise.all([a.link.cut(), b.link.cut()]);
  await call(a, 'csr', `/orders/${order.id}`, { method: 'PUT', body: { version: order.version, notes: caseyNotes } });
  const minaBefore = await call<Order>(b, 'manager', `/orders/${order.id}`);
  expect(minaBefore.version, 'both start from the same version').toBe(order.version);
  await call(b, 'manager', `/orders/${order.id}`, { method: 'PUT', body: { version: minaBefore.version, notes: minaNotes } });

  // A is back first and sends its notes; then B is back, its push is refused, and the merge records a conflict.
  await a.link.restore();
  await syncNow(a);
  await expect.poll(async () => (await syncStatus(a)).pending, { ...SYNCED, message: 'A sent its edit' }).toBe(0);
  await b.link.restore();
  await syncNow(b);
  await expect.poll(async () => (await syncStatus(b)).conflicts, { ...SYNCED, message: 'B recorded the conflict' }).toBe(1);

  await mina.page.goto('/#/sync');
  const card = mina.page.getByTestId('conflict-card').filter({ hasText: order.orderNumber });
  await expect(card.getByTestId('conflict-mine')).toHaveText(minaNotes);
  await expect(card.getByTestId('conflict-theirs')).toHaveText(caseyNotes);
  await expect(card).toContainText('Mina Patel');
  await expect(card).toContainText('Casey Morgan');
  await expect(mina.page.getByTestId('sync-status')).toHaveText('1 conflict to resolve');
  await mina.page.screenshot({ path: test.info().outputPath('sync-screen-conflict.png'), fullPage: true });

  await card.getByRole('button', { name: 'Keep mine' }).click();
  await expect(mina.page.getByTestId('sync-feedback')).toContainText('Your value was kept');
  await expect(card).toBeHidden();
  await expect(mina.page.getByRole('region', { name: /Conflicts/ }).getByText('No conflicts')).toBeVisible();
  await mina.page.screenshot({ path: test.info().outputPath('sync-screen-resolved.png'), fullPage: true });

  // The resolution syncs: A's open order shows Mina's notes live, and neither side has a conflict left.
  await expect(casey.page.getByText(minaNotes)).toBeVisible(SYNCED);
  await expect(casey.page.getByText(caseyNotes)).toBeHidden();
  await expect.poll(async () => (await syncStatus(a)).conflicts, SYNCED).toBe(0);
  await expect(mina.page.getByTestId('sync-pending')).toHaveText('0 changes', SYNCED);
  await expect(mina.page.getByTestId('sync-status')).toHaveText('Synced', SYNCED);
});
