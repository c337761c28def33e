// Wires the services over one database, clock and id generator.
import { AnalyticsService } from './analytics-service';
import { v7 as uuidv7 } from 'uuid';
import type { Clock, IdGenerator } from '../../core/domain/runtime';
import type { Db } from '../db/database';
import { createRepos } from '../db/repos';
import { AuthService } from './auth-service';
import { cloudAuth } from './cloud-auth-wiring';
import type { PoolSettings } from './cognito-gateway';
import type { SecretStore } from './secret-store';
import type { RenewalOptions } from './session-renewal';
import { ChangeEvents } from './change-events';
import { CommunicationService, EmailDeliverySlot } from './communication-service';
import { CustomersService } from './customers-service';
import { EventTickets } from './event-tickets';
import { IntegrityService } from './integrity-service';
import { NotificationCentreService } from './notification-centre-service';
import { NotificationsService } from './notifications-service';
import { OrderFollowingService } from './order-following';
import { type OrderNumbering, orderNumberAllocator } from './order-numbers';
import { OrdersService } from './orders-service';
import { PaymentsService } from './payments-service';
import { SyncConflictsService } from './sync-conflicts-service';
import { SyncControlSlot } from './sync-control';
import { SyncMergeService } from './sync-merge-service';
import { SyncStatusService } from './sync-status-service';
import { TemplatesService } from './templates-service';
import { TimelineService } from './timeline-service';
import { TasksService } from './tasks-service';
import type { UserPoolDirectory } from './cognito-user-directory';
import { UsersAdminService } from './users-admin-service';
import type { ServiceDeps } from './unit-of-work';
import { VehiclesService } from './vehicles-service';

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const uuidV7Ids: IdGenerator = { next: () => uuidv7() };

export interface Services {
  deps: ServiceDeps;
  auth: AuthService;
  customers: CustomersService;
  vehicles: VehiclesService;
  orders: OrdersService;
  /** Payments, refunds, balances and the payment schedule. */
  payments: PaymentsService;
  /** Follow, unfollow, reassign. */
  following: OrderFollowingService;
  /** The notifier (audit trail -> notifications); started by the backend, not by demo seeding. */
  notifier: NotificationsService;
  notifications: NotificationCentreService;
  integrity: IntegrityService;
  events: ChangeEvents;
  eventTickets: EventTickets;
  syncStatus: SyncStatusService;
  /** Where the sync loop plugs in (a no-op until it does, and always in local mode). */
  syncControl: SyncControlSlot;
  /** Conflicts a person resolves, the queue, retry and "Sync now" (the Sync screen). */
  syncConflicts: SyncConflictsService;
  /** Merges change sets push parked as conflicts; the sync loop calls it after a pull. */
  syncMerge: SyncMergeService;
  /** Message templates with placeholders, and their preview against an order. */
  templates: TemplatesService;
  /** The order communication log (calls, notes, messages, e-mails). */
  communication: CommunicationService;
  /** An order's Activity timeline, merged from its sources. */
  timeline: TimelineService;
  /** Where the e-mail delivery loop plugs in (main/services/email-delivery.ts), started by the app or server. */
  emailDelivery: EmailDeliverySlot;
  /** Follow-up tasks on orders, and the colleagues they can be assigned to. */
  tasks: TasksService;
  /** The managers' dashboard and each order's analytics. */
  analytics: AnalyticsService;
  /** The Admin screen: accounts, roles, passwords, the pool's users in cloud mode, the sign-in history. */
  usersAdmin: UsersAdminService;
}

export interface ServicesOptions {
  clock?: Clock;
  ids?: IdGenerator;
  /** The office's IANA time zone, for the order number's year (default: this computer's). */
  timeZone?: string;
  /** `blocks` when a DynamoDB table is configured (default `local`). */
  orderNumbering?: OrderNumbering;
  /** `cloud` when a DynamoDB table is configured (default `local`), as `GET /sync/status` reports it. */
  syncMode?: 'local' | 'cloud';
  /** Whether SMTP is configured: outgoing e-mails are then queued and sent, else recorded as drafts. */
  emailConfigured?: boolean;
  /** Region a phone number without a country code is read in (default GB). */
  phoneRegion?: string;
  /** Cloud sign-in: the Cognito pool, where refresh tokens are kept, how the renewal loop runs. Local accounts when absent. */
  cloud?: { pool: PoolSettings; secrets: SecretStore; renewal?: RenewalOptions };
  /** Cloud mode: the Cognito user pool the Admin screen lists (read-only); null or unset in local mode. */
  userPool?: UserPoolDirectory | null;
}

export function createServices(db: Db, options: ServicesOptions = {}): Services {
  const events = new ChangeEvents();
  const repos = createRepos(db);
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const deps: ServiceDeps = {
    db,
    repos,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? uuidV7Ids,
    events,
    orderNumbers: orderNumberAllocator(options.orderNumbering ?? 'local', repos, timeZone),
  };
  const orders = new OrdersService(deps, timeZone);
  const customers = new CustomersService(deps, options.phoneRegion);
  const syncControl = new SyncControlSlot();
  const emailDelivery = new EmailDeliverySlot(options.emailConfigured ?? false);
  const communication = new CommunicationService(deps, emailDelivery);
  const tasks = new TasksService(deps, timeZone);
  const notifier = new NotificationsService(deps);
  const analytics = new AnalyticsService(deps, orders, timeZone);
  // Overdue tasks feed the notifier: the ones this device has not told anyone about yet, marked told in the
  // notifier's own transaction (a crash between the two can neither lose nor repeat a notification).
  notifier.useOverdueTaskSource({
    takeUntold: (now) => {
      const due = tasks.overdueToNotify();
      repos.tasks.markOverdueNotified(
        due.map((t) => t.taskId),
        now,
      );
      return due;
    },
  });
  return {
    deps,
    auth: new AuthService(deps, options.cloud ? cloudAuth(deps, options.cloud.pool, options.cloud.secrets, options.cloud.renewal) : null),
    customers,
    vehicles: new VehiclesService(deps, orders),
    orders,
    payments: new PaymentsService(deps),
    following: new OrderFollowingService(deps, orders),
    notifier,
    notifications: new NotificationCentreService(deps),
    integrity: new IntegrityService(db),
    events,
    eventTickets: new EventTickets(deps),
    syncStatus: new SyncStatusService(repos, options.syncMode ?? 'local'),
    syncControl,
    syncConflicts: new SyncConflictsService(deps, orders, customers, syncControl),
    syncMerge: new SyncMergeService(deps),
    templates: new TemplatesService(deps, orders, timeZone),
    communication,
    timeline: new TimelineService(deps, communication),
    emailDelivery,
    tasks,
    analytics,
    usersAdmin: new UsersAdminService(deps, options.userPool ?? null),
  };
}
