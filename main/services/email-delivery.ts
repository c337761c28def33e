// The e-mail delivery loop: sends this device's queued and due-for-retry e-mails outside any transaction, records each outcome, on a timer.
import { nextEmailAttemptAt } from '../../core/domain/communication';
import type { SmtpSettings } from '../config';
import type { Services } from '.';
import type { DeliveryOutcome, EmailDeliveryRequests } from './communication-service';
import { EmailSendError, type EmailSender, smtpSender } from './email-sender';

export interface EmailDeliveryOptions {
  /** How often due retries are looked for (default 30 s; a retry is due 1 min after a failure at the soonest). */
  intervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** At most this many e-mails a pass, so a long queue cannot keep a pass (and shutdown) waiting for ever. */
const MAX_PER_PASS = 100;

/**
 * Sends what this device queued: each e-mail is read in one short transaction, sent over SMTP
 * with no transaction open, and its outcome written in another. Exactly one pass runs at a time;
 * a request during a pass makes one more pass after it. Failures back off exponentially (see
 * nextEmailAttemptAt) and the timer retries them, also after a restart: the queue is in SQLite.
 * A crash between the server's acceptance and the recording of it sends that e-mail again at the
 * next start (at least once, never lost).
 */
export class EmailDelivery implements EmailDeliveryRequests {
  readonly configured = true;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly intervalMs: number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    private readonly services: Pick<Services, 'deps' | 'communication'>,
    private readonly sender: EmailSender,
    options: EmailDeliveryOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Starts the timer and runs a pass at once (what was queued before a restart goes out now). */
  start(): void {
    if (this.stopped || this.timer) return;
    this.schedule(0);
  }

  /** Asks for a pass soon; several requests close together make one pass. */
  requestDelivery(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runPass();
  }

  /** One pass over what is due now; resolves with how many e-mails were sent. Single-flight. */
  runPass(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const pass = this.deliverDue().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.runPass();
      }
    });
    this.running = pass;
    return pass;
  }

  /** Stops the timer, lets a running pass finish, and closes the SMTP transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    this.sender.close();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.runPass()
        .catch((error: unknown) => this.log('email: delivery pass failed', error))
        .finally(() => {
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
    // The timer alone must not keep a process alive that is otherwise done.
    this.timer.unref();
  }

  private async deliverDue(): Promise<number> {
    const { repos, clock } = this.services.deps;
    const deviceId = repos.communications.deviceId();
    let sent = 0;
    const tried = new Set<string>();
    while (!this.stopped && tried.size < MAX_PER_PASS) {
      const due = repos.communications.dueForDelivery(deviceId, clock.now()).filter((e) => !tried.has(e.id));
      if (due.length === 0) break;
      for (const entry of due) {
        if (this.stopped) break;
        tried.add(entry.id);
        if (await this.deliverOne(entry.id, entry.version)) sent += 1;
      }
    }
    return sent;
  }

  /** Sends one entry (no transaction open while the SMTP conversation runs) and records the outcome. */
  private async deliverOne(entryId: string, version: number): Promise<boolean> {
    const { repos, clock } = this.services.deps;
    const entry = repos.communications.get(entryId);
    if (!entry || entry.version !== version || entry.toAddress === null) return false;
    const orderNumber = repos.orders.get(entry.orderId)?.orderNumber ?? '';
    let outcome: DeliveryOutcome;
    try {
      const { messageId } = await this.sender.send({
        to: entry.toAddress,
        subject: entry.subject ?? `Your order ${orderNumber}`.trim(),
        text: entry.body,
        entryId: entry.id,
      });
      outcome = { ok: true, messageId };
    } catch (error) {
      if (!(error instanceof EmailSendError)) this.log(`email: sending entry ${entry.id} failed`, error);
      outcome = {
        ok: false,
        error: error instanceof EmailSendError ? error.message : 'Sending failed for an unknown reason. Portside tries again by itself.',
        nextAttemptAt: nextEmailAttemptAt(clock.now(), entry.attempts + 1),
      };
    }
    // Recorded outside the try: a failure to record a sent e-mail must never be taken for a failed send.
    this.services.communication.recordDelivery(entry.id, version, outcome);
    return outcome.ok;
  }
}

/**
 * Starts e-mail delivery when SMTP is configured (server.ts and the Electron app call it after
 * the backend is up) and plugs it into the services, so a logged e-mail goes out at once.
 * Returns null without SMTP: e-mails are then recorded as drafts.
 */
export function startEmailDelivery(
  services: Pick<Services, 'deps' | 'communication' | 'emailDelivery'>,
  smtp: SmtpSettings | null,
  options: EmailDeliveryOptions & { sender?: EmailSender } = {},
): EmailDelivery | null {
  if (smtp === null) return null;
  const delivery = new EmailDelivery(services, options.sender ?? smtpSender(smtp), options);
  services.emailDelivery.attach(delivery);
  delivery.start();
  return delivery;
}
