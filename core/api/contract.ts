// The API contract: every operation once, with its input schema, output type, REST route and permission.
import type { z } from 'zod';
import type { Permission, SessionUser } from '../auth/permissions';
import type { AuditEntryView } from '../domain/audit';
import type { AuditVerifyReport } from '../domain/audit-chain';
import {
  emptyInput,
  type EventsTicket,
  type LoginResult,
  loginInput,
  type SystemInfo,
  unlockSignInInput,
  type UnlockSignInResult,
} from '../domain/auth';
import {
  customerCreateInput,
  type CustomerDetail,
  type CustomerListItem,
  customerListInput,
  customerUpdateInput,
  type CustomerView,
} from '../domain/customer';
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
  type Assignee,
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
  'auth.login': op<typeof loginInput, LoginResult>({
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
  'users.unlockSignIn': op<typeof unlockSignInInput, UnlockSignInResult>({
    method: 'POST',
    path: '/users/:username/unlock',
    input: unlockSignInInput,
    access: 'users:admin',
    summary: "Lift an account's sign-in lockout after repeated failed sign-ins",
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
    summary: 'Update a customer (optimistic version)',
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
    status: 201,
    summary: 'Record a stage event; re-evaluates the order status',
  }),
  'vehicles.retractStage': op<typeof stageRetractInput, VehicleDetail>({
    method: 'POST',
    path: '/vehicles/:id/stages/:eventId/retract',
    input: stageRetractInput,
    access: 'vehicles:write',
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
  'users.list': op<typeof emptyInput, { items: Assignee[] }>({
    method: 'GET',
    path: '/users',
    input: emptyInput,
    access: 'orders:reassign',
    summary: 'The people an order can be assigned to',
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
  'audit.verify': op<typeof emptyInput, AuditVerifyReport>({
    method: 'GET',
    path: '/audit/verify',
    input: emptyInput,
    access: 'audit:verify',
    summary: 'Verify the audit hash chain, its append-only guards and every order total',
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
