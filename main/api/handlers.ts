// One handler per contract operation; `dispatch` validates, authorizes, then calls the service.
import { contract, type OperationName, type OutputOf, type ParsedInputOf } from '../../core/api/contract';
import { PortsideError } from '../../core/api/errors';
import { parseInput } from '../../core/api/validation';
import { hasPermission, type SessionUser } from '../../core/auth/permissions';
import type { SystemInfo } from '../../core/domain/auth';
import { isDatabaseBusy } from '../db/database';
import type { Services } from '../services';
import type { Actor } from '../services/unit-of-work';

/** Where a call comes from, as the transport knows it. */
export interface CallerContext {
  /** The remote address for HTTP (every local caller shares 127.0.0.1), 'ipc' for Electron. */
  client: string;
}

export interface CallContext extends CallerContext {
  user: SessionUser | null;
  token: string | null;
}

type SignedIn = CallContext & { user: SessionUser; token: string };

export type Handlers = {
  [K in OperationName]: (input: ParsedInputOf<K>, ctx: SignedIn) => OutputOf<K> | Promise<OutputOf<K>>;
};

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, name: user.displayName, roles: user.roles, ...(user.offline ? { offline: true } : {}) };
}

export function createHandlers(services: Services, systemInfo: () => SystemInfo): Handlers {
  const { auth, customers, vehicles, orders } = services;
  return {
    'system.info': () => systemInfo(),
    'auth.login': (input, ctx) => auth.login(input, ctx.client),
    'auth.logout': (_input, ctx) => {
      auth.logout(ctx.user, ctx.token);
      return { ok: true as const };
    },
    'auth.me': (_input, ctx) => ctx.user,
    'auth.completeNewPassword': (input, ctx) => auth.completeNewPassword(input, ctx.client),
    'auth.forgotPassword': (input, ctx) => auth.forgotPassword(input, ctx.client),
    'auth.confirmForgotPassword': (input, ctx) => auth.confirmForgotPassword(input, ctx.client),
    'auth.logoutEverywhere': (_input, ctx) => auth.logoutEverywhere(ctx.user),
    'auth.eventsTicket': (_input, ctx) => services.eventTickets.issue(ctx.token),
    'users.unlockSignIn': (input, ctx) => auth.unlockSignIn(actorOf(ctx.user), input),
    'users.accounts': () => services.usersAdmin.directory(),
    'users.signInHistory': (input) => services.usersAdmin.signInHistory(input),
    'users.create': (input, ctx) => services.usersAdmin.create(actorOf(ctx.user), input),
    'users.update': (input, ctx) => services.usersAdmin.update(actorOf(ctx.user), input),
    'users.resetPassword': (input, ctx) => services.usersAdmin.resetPassword(actorOf(ctx.user), input),

    'customers.list': (input) => customers.list(input),
    'customers.create': (input, ctx) => customers.create(actorOf(ctx.user), input),
    'customers.duplicates': (input) => customers.duplicates(input),
    'customers.get': (input) => ({ ...customers.get(input.id), communication: services.communication.forCustomer(input.id) }),
    'customers.update': (input, ctx) => customers.update(actorOf(ctx.user), input),
    'customers.merge': (input, ctx) => customers.merge(actorOf(ctx.user), input),

    'vehicles.list': (input) => vehicles.list(input),
    'vehicles.create': (input, ctx) => vehicles.create(actorOf(ctx.user), input),
    'vehicles.get': (input) => vehicles.get(input.id),
    'vehicles.recordStage': (input, ctx) => vehicles.recordStage(actorOf(ctx.user), input),
    'vehicles.retractStage': (input, ctx) => vehicles.retractStage(actorOf(ctx.user), input),

    'orders.list': (input) => orders.list(input),
    'orders.create': (input, ctx) => orders.create(actorOf(ctx.user), input),
    'orders.get': (input, ctx) => orders.get(input.id, ctx.user.id),
    'orders.update': (input, ctx) => orders.update(actorOf(ctx.user), input),
    'orders.addVehicle': (input, ctx) => orders.addVehicle(actorOf(ctx.user), input),
    'orders.removeVehicle': (input, ctx) => orders.removeVehicle(actorOf(ctx.user), input),
    'orders.updateVehicle': (input, ctx) => orders.updateVehicle(actorOf(ctx.user), input),
    'orders.reassign': (input, ctx) => services.following.reassign(actorOf(ctx.user), input),
    'orders.follow': (input, ctx) => services.following.follow(actorOf(ctx.user), input),
    'orders.unfollow': (input, ctx) => services.following.unfollow(actorOf(ctx.user), input),
    'notifications.list': (input, ctx) => services.notifications.list(ctx.user.id, input),
    'notifications.read': (input, ctx) => services.notifications.markRead(ctx.user.id, input),
    'notifications.preferences.get': (_input, ctx) => services.notifications.preferences(ctx.user.id),
    'notifications.preferences.set': (input, ctx) => services.notifications.setPreferences(ctx.user.id, input),
    'orders.audit': (input) => orders.audit(input.id),
    'payments.list': (input) => services.payments.list(input.id),
    'payments.record': (input, ctx) => services.payments.record(actorOf(ctx.user), input),
    'settings.paymentSchedule.get': () => services.payments.schedule(),
    'settings.paymentSchedule.update': (input, ctx) => services.payments.saveSchedule(actorOf(ctx.user), input),
    'templates.list': (input) => services.templates.list(input),
    'templates.create': (input, ctx) => services.templates.create(actorOf(ctx.user), input),
    'templates.update': (input, ctx) => services.templates.update(actorOf(ctx.user), input),
    'templates.delete': (input, ctx) => services.templates.delete(actorOf(ctx.user), input),
    'templates.preview': (input, ctx) => services.templates.preview(actorOf(ctx.user), input),
    'communication.list': (input) => services.communication.list(input),
    'communication.log': (input, ctx) => services.communication.log(actorOf(ctx.user), input),
    'communication.retry': (input, ctx) => services.communication.retry(actorOf(ctx.user), input),
    'orders.timeline': (input) => services.timeline.timeline(input),
    'orders.analytics': (input) => services.analytics.orderAnalytics(input.id),
    'analytics.dashboard': (input) => services.analytics.dashboard(input),
    'audit.verify': () => services.integrity.verify(),
    'tasks.listForOrder': (input) => services.tasks.listForOrder(input.id),
    'tasks.create': (input, ctx) => services.tasks.create(actorOf(ctx.user), input),
    'tasks.list': (input, ctx) => services.tasks.list(actorOf(ctx.user), input),
    'tasks.update': (input, ctx) => services.tasks.update(actorOf(ctx.user), input),
    'tasks.complete': (input, ctx) => services.tasks.complete(actorOf(ctx.user), input),
    'users.list': () => services.tasks.colleagues(),
    'sync.status': () => services.syncStatus.status(),
    'sync.conflicts.list': () => services.syncConflicts.list(),
    'sync.conflicts.resolve': (input, ctx) => services.syncConflicts.resolve(actorOf(ctx.user), input),
    'sync.changes.list': () => services.syncConflicts.queue(),
    'sync.changes.retry': (input, ctx) => services.syncConflicts.retry(actorOf(ctx.user), input),
    'sync.now': () => services.syncConflicts.runNow(),
  };
}

/** Calls slower than this are logged (password hashing makes sign-in slow on purpose). */
export const SLOW_CALL_MS = 40;
/** Sign-in steps hash passwords or wait for the user pool: slow on purpose. */
const SLOW_ON_PURPOSE: ReadonlySet<OperationName> = new Set([
  'auth.login',
  'auth.completeNewPassword',
  'auth.forgotPassword',
  'auth.confirmForgotPassword',
  'auth.logoutEverywhere',
]);

export interface Dispatcher {
  call<K extends OperationName>(name: K, rawInput: unknown, token: string | null, caller: CallerContext): Promise<OutputOf<K>>;
}

/**
 * The one path every call takes, whatever the transport: authenticate (401), authorize (403),
 * validate (400), then run the handler. Anything that is not a PortsideError becomes INTERNAL
 * with a message for a person; the detail goes to the log, never to the client.
 */
export function createDispatcher(services: Services, handlers: Handlers, log: (message: string, error?: unknown) => void): Dispatcher {
  return {
    async call<K extends OperationName>(name: K, rawInput: unknown, token: string | null, caller: CallerContext): Promise<OutputOf<K>> {
      const def = contract[name];
      try {
        let user: SessionUser | null = null;
        if (def.access !== null) {
          user = services.auth.authenticate(token);
          if (def.access !== 'session' && !hasPermission(user.roles, def.access)) {
            throw new PortsideError(
              'FORBIDDEN',
              `${user.roles.length > 0 ? `Your role (${user.roles.join(', ')}) does not allow this` : 'Your account has no role, so it cannot do this'} (${def.summary.toLowerCase()}). Ask an administrator for access.`,
            );
          }
        }
        const input = parseInput(def.input, rawInput) as ParsedInputOf<K>;
        const handler = handlers[name] as (input: ParsedInputOf<K>, ctx: SignedIn) => OutputOf<K> | Promise<OutputOf<K>>;
        const started = performance.now();
        // Sign-in and system info run before there is a user; their handlers never read ctx.user.
        const result = await handler(input, { user: user as SessionUser, token: token ?? '', client: caller.client });
        const elapsed = performance.now() - started;
        if (elapsed > SLOW_CALL_MS && !SLOW_ON_PURPOSE.has(name)) log(`slow call: ${name} took ${Math.round(elapsed)} ms`);
        return result;
      } catch (error) {
        if (error instanceof PortsideError) throw error;
        if (isDatabaseBusy(error)) {
          log(`${name} gave up waiting for the database`, error);
          throw new PortsideError('BUSY', 'Portside is busy saving other changes and nothing was saved. Try again in a moment.');
        }
        log(`${name} failed`, error);
        throw new PortsideError(
          'INTERNAL',
          'Something went wrong on our side and nothing was saved. Try again; if it keeps happening, send the log file to support.',
        );
      }
    },
  };
}
