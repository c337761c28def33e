// Demo communication: calls, internal notes, e-mails (drafted: demo data has no SMTP) and a correction on recent demo orders.
import type { ManualClock } from '../../core/domain/runtime';
import type { CommunicationService } from './communication-service';
import type { Actor, ServiceDeps } from './unit-of-work';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Script = (
  orderNumber: string,
  customer: string,
) => { channel: 'note' | 'phone' | 'email' | 'sms' | 'whatsapp' | 'letter'; direction?: 'in' | 'out'; subject?: string; body: string }[];

const SCRIPTS: Script[] = [
  (n, c) => [
    {
      channel: 'phone',
      direction: 'in',
      subject: 'Shipping date',
      body: `${c} rang to ask when the cars ship.\nTold her the vessel leaves Yokohama in about two weeks.`,
    },
    { channel: 'note', body: 'Customer is price-sensitive: offer the consolidated shipping rate if she asks again.' },
    {
      channel: 'email',
      direction: 'out',
      subject: `Order ${n}: shipping update`,
      body: `Dear ${c},\n\nyour vehicles are booked on the next sailing. We will send the bill of lading as soon as we have it.\n\nKind regards,\nHarbour Imports`,
    },
  ],
  (_n, c) => [
    { channel: 'whatsapp', direction: 'in', body: `Hi, it's ${c}. Can I pick the car up on Saturday?` },
    { channel: 'whatsapp', direction: 'out', body: 'Saturday 10:00 works, see you at the yard.' },
  ],
  (_n, c) => [
    { channel: 'note', body: 'Compliance workshop booked for Tuesday; they need the export certificate first.' },
    { channel: 'phone', direction: 'out', body: `Called ${c} for the export certificate copy. Voicemail, will try again tomorrow.` },
    { channel: 'sms', direction: 'out', body: 'Please send us a photo of the export certificate when you can. Thanks!' },
  ],
  (n, c) => [
    {
      channel: 'letter',
      direction: 'out',
      subject: `Registration documents for ${n}`,
      body: `Dear ${c},\n\nplease find enclosed the registration papers.\n\nYours sincerely,\nHarbour Imports`,
    },
  ],
];

/**
 * Logs a few conversations on the newest confirmed demo orders through the service (audited and
 * synced like any other entry), on the seeding clock, one or two days apart, ending before `now`.
 */
export function seedDemoCommunication(
  deps: ServiceDeps,
  communication: CommunicationService,
  clock: ManualClock,
  actors: readonly Actor[],
  now: number,
): void {
  const orders = deps.db
    .prepare<[], { id: string; order_number: string; order_date: string; customer_id: string }>(
      `SELECT id, order_number, order_date, customer_id FROM orders
       WHERE customer_id IS NOT NULL AND status IN ('Confirmed', 'In Progress', 'Completed') ORDER BY order_date DESC, id LIMIT 8`,
    )
    .all();
  orders.forEach((order, i) => {
    const script = SCRIPTS[i % SCRIPTS.length];
    const actor = actors[i % actors.length];
    const customer = deps.repos.customers.get(order.customer_id);
    if (!script || !actor || !customer) return;
    const firstName = customer.name.split(' ')[0] ?? customer.name;
    const start = Math.max(Date.parse(order.order_date) + DAY, now - (12 - i) * DAY);
    let at = Math.min(start, now - 6 * HOUR);
    let last: string | null = null;
    for (const step of script(order.order_number, firstName)) {
      clock.set(at);
      last = communication.log(actor, { id: order.id, ...step }).id;
      at = Math.min(at + (3 + i) * HOUR, now - HOUR);
    }
    // One correction, to show how an entry is put right without editing it.
    if (i === 2 && last) {
      clock.set(at);
      communication.log(actor, {
        id: order.id,
        channel: 'sms',
        direction: 'out',
        correctsId: last,
        body: 'Correction: please e-mail the export certificate to docs@harbour-imports.example rather than sending a photo.',
      });
    }
  });
}
