// Demo follow-up tasks: a handful on open demo orders for each demo account, some overdue, some due today, one done.
import { addDays } from '../../core/domain/task';
import type { ManualClock } from '../../core/domain/runtime';
import type { Services } from './index';
import type { Actor } from './unit-of-work';

const DAY = 86_400_000;

/** [title, days from today, which demo account (0 CSR, 1 Manager, 2 Admin), about the first vehicle, done]. */
const PLAN: [string, number, number, boolean, boolean][] = [
  ['Chase the deposit transfer', -3, 0, false, false],
  ['Send export certificate copy to the customer', -1, 0, true, false],
  ['Call the customer with the shipping ETA', 0, 0, false, false],
  ['Confirm compliance booking', 0, 0, true, false],
  ['Check the auction sheet translation', 2, 0, true, false],
  ['Book transport from the port', 7, 0, true, false],
  ['Review the customs hold with the broker', -2, 1, true, false],
  ['Approve the price change', 0, 1, false, false],
  ['Update the payment schedule', 4, 2, false, false],
  ['Send the welcome pack', -5, 0, false, true],
];

/** Creates the demo tasks through the service (audited and queued like any other), on the newest open orders. */
export function seedDemoTasks(services: Services, clock: ManualClock, now: number, actors: readonly Actor[]): void {
  const orderIds = services.deps.db
    .prepare<[number], { id: string }>(
      `SELECT id FROM orders WHERE status IN ('Confirmed', 'In Progress') AND deleted = 0 ORDER BY order_date DESC, id LIMIT ?`,
    )
    .all(PLAN.length)
    .map((r) => r.id);
  if (orderIds.length === 0) return;
  clock.set(now);
  const today = services.tasks.today();
  // Written a week ago, as a CSR would have planned them; due dates count from the office's date now.
  clock.set(now - 7 * DAY);
  const done: { id: string; version: number; by: Actor }[] = [];
  PLAN.forEach(([title, offset, who, aboutVehicle, isDone], i) => {
    const orderId = orderIds[i % orderIds.length] as string;
    const assignee = actors[who] ?? actors[0];
    const author = actors[0];
    if (!assignee || !author) return;
    const vehicleId = aboutVehicle ? services.orders.get(orderId).vehicles.find((v) => v.status !== 'Removed')?.vehicleId : undefined;
    clock.advance(37 * 60_000);
    const task = services.tasks.create(author, {
      id: orderId,
      title,
      dueDate: addDays(today, offset),
      assigneeId: assignee.id ?? undefined,
      ...(vehicleId ? { vehicleId } : {}),
    });
    if (isDone) done.push({ id: task.id, version: task.version, by: assignee });
  });
  clock.set(now - DAY);
  for (const task of done) services.tasks.complete(task.by, { id: task.id, version: task.version });
}
