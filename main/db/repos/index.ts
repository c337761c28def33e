// All repositories over one connection, prepared once.
import type { Db } from '../database';
import { AuditRepo } from './audit-repo';
import { CommunicationsRepo } from './communications-repo';
import { CustomersRepo } from './customers-repo';
import { NotificationsRepo } from './notifications-repo';
import { OrderFollowersRepo } from './order-followers-repo';
import { OrderNumberBlocksRepo } from './order-number-blocks-repo';
import { OrdersRepo } from './orders-repo';
import { OutboxRepo } from './outbox-repo';
import { PaymentsRepo } from './payments-repo';
import { PeopleRepo } from './people-repo';
import { SignInThrottleRepo } from './sign-in-throttle-repo';
import { SyncConflictsRepo } from './sync-conflicts-repo';
import { SyncStateRepo } from './sync-state-repo';
import { TemplatesRepo } from './templates-repo';
import { TimelineRepo } from './timeline-repo';
import { TasksRepo } from './tasks-repo';
import { UsersRepo } from './users-repo';
import { UserAccountsRepo } from './user-accounts-repo';
import { VehiclesRepo } from './vehicles-repo';

export interface Repos {
  customers: CustomersRepo;
  vehicles: VehiclesRepo;
  orders: OrdersRepo;
  orderNumberBlocks: OrderNumberBlocksRepo;
  audit: AuditRepo;
  communications: CommunicationsRepo;
  outbox: OutboxRepo;
  people: PeopleRepo;
  users: UsersRepo;
  /** The Admin screen's reads and versioned writes of accounts, and the sign-in history. */
  userAccounts: UserAccountsRepo;
  signInThrottle: SignInThrottleRepo;
  syncState: SyncStateRepo;
  syncConflicts: SyncConflictsRepo;
  payments: PaymentsRepo;
  templates: TemplatesRepo;
  timeline: TimelineRepo;
  tasks: TasksRepo;
  followers: OrderFollowersRepo;
  notifications: NotificationsRepo;
}

export function createRepos(db: Db): Repos {
  return {
    customers: new CustomersRepo(db),
    vehicles: new VehiclesRepo(db),
    orders: new OrdersRepo(db),
    orderNumberBlocks: new OrderNumberBlocksRepo(db),
    audit: new AuditRepo(db),
    communications: new CommunicationsRepo(db),
    outbox: new OutboxRepo(db),
    people: new PeopleRepo(db),
    users: new UsersRepo(db),
    userAccounts: new UserAccountsRepo(db),
    signInThrottle: new SignInThrottleRepo(db),
    syncState: new SyncStateRepo(db),
    syncConflicts: new SyncConflictsRepo(db),
    payments: new PaymentsRepo(db),
    templates: new TemplatesRepo(db),
    timeline: new TimelineRepo(db),
    tasks: new TasksRepo(db),
    followers: new OrderFollowersRepo(db),
    notifications: new NotificationsRepo(db),
  };
}
