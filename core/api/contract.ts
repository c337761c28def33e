// The API contract: every operation once, with its input schema, output type, REST route and permission.
import type { z } from 'zod';
import type { Permission, SessionUser } from '../auth/permissions';
import type { AuditEntryView } from '../domain/audit';
import { type Dashboard, dashboardInput, type OrderAnalytics } from '../domain/analytics';
import type { AuditVerifyReport } from '../domain/audit-chain';
import {
  emptyInput,
  type EventsTicket,
  type LoginAnswer,
  loginInput,
  type SystemInfo,
  unlockSignInInput,
  type UnlockSignInResult,
  completeNewPasswordInput,
  forgotPasswordInput,
  type ForgotPasswordResult,
  confirmForgotPasswordInput,
  type LogoutEverywhereResult,
} from '../domain/auth';
import {
  communicationListInput,
  communicationLogInput,
  communicationRetryInput,
  type CommunicationView,
  timelineInput,
  type TimelinePage,
} from '../domain/communication';
import {
  customerCreateInput,
  type CustomerDetail,
  customerDuplicatesInput,
  customerMergeInput,
  type CustomerMergeResult,
  type DuplicateMatch,
  type CustomerListItem,
  customerListInput,
  customerUpdateInput,
  type CustomerView,
} from '../domain/customer';
import {
  type MessageTemplateView,
  templateCreateInput,
  templateDeleteInput,
  templateListInput,
  type TemplatePreview,
  templatePreviewInput,
  templateUpdateInput,
} from '../domain/message-template';
import {
  byIdInput,
  type Order,
  orderAddVehicleInput,
  orderCreateInput,
  orderListInput,
  orderRemoveVehicleInput,
  type OrderSummary,
  orderUpdateInput,
  orderUpdateVehicleInput,
  type Page,
} from '../domain/order';
import {
  type OrderPayments,
  type PaymentRecorded,
  paymentRecordInput,
  paymentScheduleInput,
  type PaymentScheduleSettings,
} from '../domain/payment';
import {
  type Colleague,
  taskCompleteInput,
  taskCreateInput,
  taskListInput,
  type TaskListResult,
  taskUpdateInput,
  type TaskView,
} from '../domain/task';
import {
  type FollowState,
  type NotificationList,
  notificationListInput,
  type NotificationPreferences,
  notificationPreferencesInput,
  notificationReadInput,
  orderFollowInput,
  orderReassignInput,
} from '../domain/notification-api';
import { changeSetRetryInput, type QueuedChangeSet, type SyncConflict, syncConflictResolveInput } from '../domain/sync-conflict';
import type { SyncStatus } from '../domain/sync-status';
import {
  type PasswordResetResult,
  signInHistoryInput,
  type SignInHistoryPage,
  type UserAccount,
  userCreateInput,
  type UserDirectory,
  userResetPasswordInput,
  userUpdateInput,
} from '../domain/users';
import {
  stageEventInput,
  stageRetractInput,
  vehicleCreateInput,
  type VehicleDetail,
  vehicleListInput,
  type VehicleView,
} from '../domain/vehicle';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `null` = open to anyone (sign-in, system info); 'session' = any signed-in user. */
export type Access = Permission | 'session' | null;

export interface OperationDef<I extends z.ZodType, O> {
  method: HttpMethod;
  path: string;
  input: I;
  access: Access;
  /**
   * Finer rules the service checks inside the operation (403 when the caller lacks them): each a
   * permission and, in a CSR's words, when it is needed. `access` alone lets the call in.
   */
  alsoRequires?: readonly { permission: Permission; when: string }[];
  /** HTTP status on success (200 unless said). */
  status: number;
  summary: string;
  /** Phantom: carries the output type only. */
  output: O;
}

function op<I extends z.ZodType, O>(def: Omit<OperationDef<I, O>, 'output' | 'status'> & { status?: number }): OperationDef<I, O> {
  return { status: 200, ...def, output: undefined as unknown as O };
}

export const contract = {
  'system.info': op<typeof emptyInput, SystemInfo>({
    method: 'GET',
    path: '/system/info',
    input: emptyInput,
    access: null,
    summary: 'App name, version, mode and demo accounts',
  }),
  'auth.login': op<typeof loginInput, LoginAnswer>({
    method: 'POST',
    path: '/auth/login',
    input: loginInput,
    access: null,
    summary: 'Sign in; returns a session token',
  }),
  'auth.logout': op<typeof emptyInput, { ok: true }>({
    method: 'POST',
    path: '/auth/logout',
    input: emptyInput,
    access: 'session',
    summary: 'End this session',
  }),
  'auth.me': op<typeof emptyInput, SessionUser>({
    method: 'GET',
    path: '/auth/me',
    input: emptyInput,
    access: 'session',
    summary: 'The signed-in user',
  }),
  'auth.eventsTicket': op<typeof emptyInput, EventsTicket>({
    method: 'POST',
    path: '/auth/events-ticket',
    input: emptyInput,
    access: 'session',
    summary: 'A one-use ticket (30 s) to open the change-events stream GET /events?ticket=',
  }),
  'auth.completeNewPassword': op<typeof completeNewPasswordInput, LoginAnswer>({
    method: 'POST',
    path: '/auth/new-password',
    input: completeNewPasswordInput,
    access: null,
    summary: 'Cloud mode: choose a new password at first sign-in (answers NEW_PASSWORD_REQUIRED); returns a session token',
  }),
  'auth.forgotPassword': op<typeof forgotPasswordInput, ForgotPasswordResult>({
    method: 'POST',
    path: '/auth/forgot-password',
    input: forgotPasswordInput,
    access: null,
    summary: 'Cloud mode: e-mail a code to reset a forgotten password (same answer whether or not the account exists)',
  }),
  'auth.confirmForgotPassword': op<typeof confirmForgotPasswordInput, { ok: true }>({
    method: 'POST',
    path: '/auth/forgot-password/confirm',
    input: confirmForgotPasswordInput,
    access: null,
    summary: 'Cloud mode: set a new password with the e-mailed code',
  }),
  'auth.logoutEverywhere': op<typeof emptyInput, LogoutEverywhereResult>({
    method: 'POST',
    path: '/auth/logout-everywhere',
    input: emptyInput,
    access: 'session',
    summary: "Sign out of every session and device (cloud mode: the pool's global sign-out too)",
  }),
  'users.unlockSignIn': op<typeof unlockSignInInput, UnlockSignInResult>({
    method: 'POST',
    path: '/users/:username/unlock',
    input: unlockSignInInput,
    access: 'users:admin',
    summary: "Lift an account's sign-in lockout after repeated failed sign-ins",
  }),
  // The Admin screen. Before any /users/:id route: "accounts" and "sign-ins" would read as ids.
  'users.accounts': op<typeof emptyInput, UserDirectory>({
    method: 'GET',
    path: '/users/accounts',
    input: emptyInput,
    access: 'users:admin',
    summary:
      'Every account with roles, status, last sign-in, lockout and sessions; in cloud mode the user pool\'s users and groups (read-only, mode "cloud")',
  }),
  'users.signInHistory': op<typeof signInHistoryInput, SignInHistoryPage>({
    method: 'GET',
    path: '/users/sign-ins',
    input: signInHistoryInput,
    access: 'users:admin',
    summary: 'Sign-ins, failures, lockouts, sign-outs and unlocks from the audit trail, newest first; username= for one account',
  }),
  'users.create': op<typeof userCreateInput, UserAccount>({
    method: 'POST',
    path: '/users',
    input: userCreateInput,
    access: 'users:admin',
    status: 201,
    summary: 'Create a local account with its roles and initial password (local mode only)',
  }),
  'users.update': op<typeof userUpdateInput, UserAccount>({
    method: 'PUT',
    path: '/users/:id',
    input: userUpdateInput,
    access: 'users:admin',
    summary: "Change an account's display name, roles or disabled at a known version; disabling ends its sessions (local mode only)",
  }),
  'users.resetPassword': op<typeof userResetPasswordInput, PasswordResetResult>({
    method: 'POST',
    path: '/users/:id/password',
    input: userResetPasswordInput,
    access: 'users:admin',
    summary: 'Set a new password for an account: its sessions end and its failed sign-ins are forgotten (local mode only)',
  }),

  'customers.list': op<typeof customerListInput, Page<CustomerListItem>>({
    method: 'GET',
    path: '/customers',
    input: customerListInput,
    access: 'customers:read',
    summary: 'Search customers',
  }),
  'customers.create': op<typeof customerCreateInput, CustomerView>({
    method: 'POST',
    path: '/customers',
    input: customerCreateInput,
    access: 'customers:write',
    status: 201,
    summary: 'Create a customer',
  }),
  // Before customers.get: routes match in this order, and "duplicates" would read as an id.
  'customers.duplicates': op<typeof customerDuplicatesInput, { items: DuplicateMatch[] }>({
    method: 'GET',
    path: '/customers/duplicates',
    input: customerDuplicatesInput,
    access: 'customers:read',
    summary: 'Likely duplicates of a customer being entered: same email, same phone (E.164), or similar name at the same company',
  }),
  'customers.get': op<typeof byIdInput, CustomerDetail>({
    method: 'GET',
    path: '/customers/:id',
    input: byIdInput,
    access: 'customers:read',
    summary: 'A customer with their orders',
  }),
  'customers.update': op<typeof customerUpdateInput, CustomerView>({
    method: 'PUT',
    path: '/customers/:id',
    input: customerUpdateInput,
    access: 'customers:write',
    summary: 'Update a customer (optimistic version); a likely duplicate is 409 unless allowDuplicate',
  }),
  'customers.merge': op<typeof customerMergeInput, CustomerMergeResult>({
    method: 'POST',
    path: '/customers/:id/merge',
    input: customerMergeInput,
    access: 'customers:merge',
    summary: 'Merge the duplicate sourceId into this customer: its orders move, empty fields fill, it leaves the lists',
  }),

  'vehicles.list': op<typeof vehicleListInput, Page<VehicleView>>({
    method: 'GET',
    path: '/vehicles',
    input: vehicleListInput,
    access: 'vehicles:read',
    summary: 'Search vehicles; available=true lists those in no open order',
  }),
  'vehicles.create': op<typeof vehicleCreateInput, VehicleView>({
    method: 'POST',
    path: '/vehicles',
    input: vehicleCreateInput,
    access: 'vehicles:write',
    status: 201,
    summary: 'Register a vehicle',
  }),
  'vehicles.get': op<typeof byIdInput, VehicleDetail>({
    method: 'GET',
    path: '/vehicles/:id',
    input: byIdInput,
    access: 'vehicles:read',
    summary: 'A vehicle with its stage history',
  }),
  'vehicles.recordStage': op<typeof stageEventInput, VehicleDetail>({
    method: 'POST',
    path: '/vehicles/:id/stages',
    input: stageEventInput,
    access: 'vehicles:write',
    alsoRequires: [
      { permission: 'payments:override', when: 'delivering a vehicle while its order still has a balance due (with an override reason)' },
    ],
    status: 201,
    summary: 'Record a stage event; re-evaluates the order status',
  }),
  'vehicles.retractStage': op<typeof stageRetractInput, VehicleDetail>({
    method: 'POST',
    path: '/vehicles/:id/stages/:eventId/retract',
    input: stageRetractInput,
    access: 'vehicles:write',
    alsoRequires: [{ permission: 'orders:reopen', when: 'retracting the delivery that completed an order, which reopens it' }],
    summary: 'Retract the latest stage event as a mistake (reopening a completed order needs a Manager)',
  }),

  'orders.list': op<typeof orderListInput, Page<OrderSummary>>({
    method: 'GET',
    path: '/orders',
    input: orderListInput,
    access: 'orders:read',
    summary: 'List orders with filters, newest first',
  }),
  'orders.create': op<typeof orderCreateInput, Order>({
    method: 'POST',
    path: '/orders',
    input: orderCreateInput,
    access: 'orders:write',
    status: 201,
    summary: 'Create a Draft order with any number of vehicles',
  }),
  'orders.get': op<typeof byIdInput, Order>({
    method: 'GET',
    path: '/orders/:id',
    input: byIdInput,
    access: 'orders:read',
    summary: 'An order with every vehicle link',
  }),
  'orders.update': op<typeof orderUpdateInput, Order>({
    method: 'PUT',
    path: '/orders/:id',
    input: orderUpdateInput,
    access: 'orders:write',
    alsoRequires: [{ permission: 'orders:cancel', when: 'cancelling an order that is not a Draft' }],
    summary: 'Update fields or status (confirm, cancel) at a known version',
  }),
  'orders.addVehicle': op<typeof orderAddVehicleInput, Order>({
    method: 'POST',
    path: '/orders/:id/vehicles',
    input: orderAddVehicleInput,
    access: 'orders:write',
    status: 201,
    summary: 'Add a vehicle to an open order',
  }),
  'orders.removeVehicle': op<typeof orderRemoveVehicleInput, Order>({
    method: 'DELETE',
    path: '/orders/:id/vehicles/:vehicleId',
    input: orderRemoveVehicleInput,
    access: 'orders:write',
    summary: 'Remove a vehicle (kept for history with its reason)',
  }),
  'orders.updateVehicle': op<typeof orderUpdateVehicleInput, Order>({
    method: 'PUT',
    path: '/orders/:id/vehicles/:vehicleId',
    input: orderUpdateVehicleInput,
    access: 'orders:write',
    summary: "Change a vehicle's agreed price until the order is final",
  }),
  'orders.reassign': op<typeof orderReassignInput, Order>({
    method: 'POST',
    path: '/orders/:id/assignee',
    input: orderReassignInput,
    access: 'orders:reassign',
    summary: 'Give the order to another user (at a known version); the new assignee follows it',
  }),
  'orders.follow': op<typeof orderFollowInput, FollowState>({
    method: 'POST',
    path: '/orders/:id/follow',
    input: orderFollowInput,
    access: 'orders:read',
    summary: 'Follow an order: get notified of its stages, status, payments, inbound messages and overdue tasks',
  }),
  'orders.unfollow': op<typeof orderFollowInput, FollowState>({
    method: 'DELETE',
    path: '/orders/:id/follow',
    input: orderFollowInput,
    access: 'orders:read',
    summary: 'Stop following an order',
  }),
  'notifications.list': op<typeof notificationListInput, NotificationList>({
    method: 'GET',
    path: '/notifications',
    input: notificationListInput,
    // Any signed-in user, and only their own: the service takes the user from the session.
    access: 'session',
    summary: 'Your notifications, newest first, with the unread count',
  }),
  'notifications.read': op<typeof notificationReadInput, { marked: number; unreadCount: number }>({
    method: 'POST',
    path: '/notifications/read',
    input: notificationReadInput,
    access: 'session',
    summary: 'Mark your notifications read: {ids} or {all: true}',
  }),
  'notifications.preferences.get': op<typeof emptyInput, NotificationPreferences>({
    method: 'GET',
    path: '/notifications/preferences',
    input: emptyInput,
    access: 'session',
    summary: 'Your notification preferences per event type (in the app, on the desktop)',
  }),
  'notifications.preferences.set': op<typeof notificationPreferencesInput, NotificationPreferences>({
    method: 'PUT',
    path: '/notifications/preferences',
    input: notificationPreferencesInput,
    access: 'session',
    summary: 'Change your notification preferences',
  }),
  'orders.audit': op<typeof byIdInput, AuditEntryView[]>({
    method: 'GET',
    path: '/orders/:id/audit',
    input: byIdInput,
    access: 'audit:read',
    summary: "The order's audit trail, oldest first",
  }),
  'payments.list': op<typeof byIdInput, OrderPayments>({
    method: 'GET',
    path: '/orders/:id/payments',
    input: byIdInput,
    access: 'payments:read',
    summary: "An order's payments (newest first) with paid, refunded, balance due, payment status and schedule",
  }),
  'payments.record': op<typeof paymentRecordInput, PaymentRecorded>({
    method: 'POST',
    path: '/orders/:id/payments',
    input: paymentRecordInput,
    access: 'payments:write',
    alsoRequires: [{ permission: 'payments:refund', when: 'recording a refund' }],
    status: 201,
    summary: 'Record a deposit, instalment, balance payment or refund (a refund needs a Manager)',
  }),
  'settings.paymentSchedule.get': op<typeof emptyInput, PaymentScheduleSettings>({
    method: 'GET',
    path: '/settings/payment-schedule',
    input: emptyInput,
    access: 'payments:read',
    summary: "The office's payment schedule: the deposit percentage due at confirmation",
  }),
  'settings.paymentSchedule.update': op<typeof paymentScheduleInput, PaymentScheduleSettings>({
    method: 'PUT',
    path: '/settings/payment-schedule',
    input: paymentScheduleInput,
    access: 'settings:write',
    summary: "Change the office's payment schedule (deposit percentage)",
  }),
  'templates.list': op<typeof templateListInput, { items: MessageTemplateView[] }>({
    method: 'GET',
    path: '/templates',
    input: templateListInput,
    access: 'communication:read',
    summary: 'Message templates with their placeholders; channel= keeps those for one channel (and "any")',
  }),
  'templates.create': op<typeof templateCreateInput, MessageTemplateView>({
    method: 'POST',
    path: '/templates',
    input: templateCreateInput,
    access: 'templates:write',
    status: 201,
    summary: 'Create a custom message template (unknown placeholders are refused)',
  }),
  'templates.update': op<typeof templateUpdateInput, MessageTemplateView>({
    method: 'PUT',
    path: '/templates/:id',
    input: templateUpdateInput,
    access: 'templates:write',
    summary: 'Edit a message template at a known version (unknown placeholders are refused)',
  }),
  'templates.delete': op<typeof templateDeleteInput, { id: string; deleted: true }>({
    method: 'DELETE',
    path: '/templates/:id',
    input: templateDeleteInput,
    access: 'templates:write',
    summary: 'Delete a custom message template at a known version (the four defaults are only edited)',
  }),
  'templates.preview': op<typeof templatePreviewInput, TemplatePreview>({
    method: 'POST',
    path: '/templates/preview',
    input: templatePreviewInput,
    access: 'communication:read',
    summary: 'Render a saved template, or text being edited, against an order',
  }),
  'communication.list': op<typeof communicationListInput, { items: CommunicationView[] }>({
    method: 'GET',
    path: '/orders/:id/communication',
    input: communicationListInput,
    access: 'communication:read',
    summary: "The order's communication log (calls, notes, messages, e-mails), newest first",
  }),
  'communication.log': op<typeof communicationLogInput, CommunicationView>({
    method: 'POST',
    path: '/orders/:id/communication',
    input: communicationLogInput,
    access: 'communication:write',
    status: 201,
    summary: 'Log a call, note or message on an order (an outgoing e-mail is sent, or drafted without SMTP)',
  }),
  'communication.retry': op<typeof communicationRetryInput, CommunicationView>({
    method: 'POST',
    path: '/orders/:id/communication/:entryId/retry',
    input: communicationRetryInput,
    access: 'communication:write',
    summary: 'Send a failed or waiting e-mail again now',
  }),
  'orders.timeline': op<typeof timelineInput, TimelinePage>({
    method: 'GET',
    path: '/orders/:id/timeline',
    input: timelineInput,
    access: 'communication:read',
    summary: "The order's Activity: communication, status changes, field changes and stage events, newest first",
  }),
  'orders.analytics': op<typeof byIdInput, OrderAnalytics>({
    method: 'GET',
    path: '/orders/:id/analytics',
    input: byIdInput,
    access: 'orders:read',
    summary:
      "The order's analytics: vehicles per stage, time in each stage, schedule against the target, forecast completion, payments and customer contact",
  }),
  'analytics.dashboard': op<typeof dashboardInput, Dashboard>({
    method: 'GET',
    path: '/analytics/dashboard',
    input: dashboardInput,
    access: 'analytics:read',
    summary:
      "The managers' dashboard across orders: status, pipeline, cycle time, on-time rate, weekly and monthly figures, balances, workload and quiet orders; filter by from/to, assigneeId, customerId, customerType, segment, origin, currency",
  }),
  'audit.verify': op<typeof emptyInput, AuditVerifyReport>({
    method: 'GET',
    path: '/audit/verify',
    input: emptyInput,
    access: 'audit:verify',
    summary: 'Verify the audit hash chain, its append-only guards and every order total',
  }),
  'tasks.listForOrder': op<typeof byIdInput, { items: TaskView[] }>({
    method: 'GET',
    path: '/orders/:id/tasks',
    input: byIdInput,
    access: 'tasks:read',
    summary: "The order's follow-up tasks, open ones first by due date",
  }),
  'tasks.create': op<typeof taskCreateInput, TaskView>({
    method: 'POST',
    path: '/orders/:id/tasks',
    input: taskCreateInput,
    access: 'tasks:write',
    status: 201,
    summary: 'Add a follow-up task to an open order (assigned to the caller unless said)',
  }),
  'tasks.list': op<typeof taskListInput, TaskListResult>({
    method: 'GET',
    path: '/tasks',
    input: taskListInput,
    access: 'tasks:read',
    summary: "Tasks of an assignee (me, all, a user id) in a bucket (overdue, today, upcoming, done) with each open bucket's count",
  }),
  'tasks.update': op<typeof taskUpdateInput, TaskView>({
    method: 'PUT',
    path: '/tasks/:id',
    input: taskUpdateInput,
    access: 'tasks:write',
    summary: 'Change, reassign, complete or reopen a task at a known version',
  }),
  'tasks.complete': op<typeof taskCompleteInput, { task: TaskView; next: TaskView | null }>({
    method: 'POST',
    path: '/tasks/:id/complete',
    input: taskCompleteInput,
    access: 'tasks:write',
    summary: 'Mark a task done, optionally scheduling the next one in the same change',
  }),
  'users.list': op<typeof emptyInput, { items: Colleague[] }>({
    method: 'GET',
    path: '/users',
    input: emptyInput,
    // Every signed-in user may see colleagues' names and roles (to assign them a task).
    access: 'session',
    summary: 'Colleagues: id, display name, roles and whether the account is active',
  }),
  'sync.status': op<typeof emptyInput, SyncStatus>({
    method: 'GET',
    path: '/sync/status',
    input: emptyInput,
    // Any signed-in user may see whether this device's changes have reached the others.
    access: 'session',
    summary: "This device's sync state: changes waiting or parked, conflicts, last success and last error",
  }),
  'sync.conflicts.list': op<typeof emptyInput, { items: SyncConflict[] }>({
    method: 'GET',
    path: '/sync/conflicts',
    input: emptyInput,
    access: 'sync:read',
    summary: 'Open sync conflicts: the same field changed here and on another device, or a rule the merged data breaks',
  }),
  'sync.conflicts.resolve': op<typeof syncConflictResolveInput, SyncConflict>({
    method: 'POST',
    path: '/sync/conflicts/:id/resolve',
    input: syncConflictResolveInput,
    access: 'sync:write',
    summary: 'Resolve a sync conflict: keep mine, keep theirs, or an edited value (audited and synced)',
  }),
  'sync.changes.list': op<typeof emptyInput, { items: QueuedChangeSet[] }>({
    method: 'GET',
    path: '/sync/changes',
    input: emptyInput,
    access: 'sync:read',
    summary: 'Changes waiting to reach the table (pending, parked, conflicts), newest first',
  }),
  'sync.changes.retry': op<typeof changeSetRetryInput, QueuedChangeSet>({
    method: 'POST',
    path: '/sync/changes/:id/retry',
    input: changeSetRetryInput,
    access: 'sync:write',
    summary: 'Put a change parked with an error back in the queue',
  }),
  'sync.now': op<typeof emptyInput, { requested: true }>({
    method: 'POST',
    path: '/sync/run',
    input: emptyInput,
    access: 'sync:write',
    status: 202,
    summary: 'Ask the sync loop for a pass now',
  }),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** What a caller sends (before defaults and normalisation). */
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated and normalised). */
export type ParsedInputOf<K extends OperationName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = Contract[K]['output'];

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
