// One-use, 30-second tickets that open the change-events stream, so the session token never travels in a URL.
import { createHash, randomBytes } from 'node:crypto';
import { PortsideError } from '../../core/api/errors';
import type { SessionUser } from '../../core/auth/permissions';
import type { EventsTicket } from '../../core/domain/auth';
import { tokenHash, toSessionUser } from './auth-service';
import type { ServiceDeps } from './unit-of-work';

export const EVENTS_TICKET_SECONDS = 30;
/** Tickets are asked for once per stream (re)connect; more outstanding than this means a runaway client. */
const MAX_OUTSTANDING = 1000;

interface PendingTicket {
  sessionHash: string;
  expiresAtMs: number;
}

/** What a redeemed ticket grants: the stream's user, and a way to notice its session has ended since. */
export interface EventsPass {
  user: SessionUser;
  sessionAlive(): boolean;
}

/**
 * Tickets live in memory only: a restart invalidates them, which costs the client one more
 * POST /auth/events-ticket. They are kept by their SHA-256, like session tokens, so nothing this
 * process holds (or a heap dump shows) can be replayed; the session they belong to is kept the same
 * way, and checked again when the ticket is redeemed, so signing out also voids its tickets.
 */
export class EventTickets {
  private readonly pending = new Map<string, PendingTicket>();

  constructor(private readonly deps: ServiceDeps) {}

  issue(sessionToken: string): EventsTicket {
    const nowMs = Date.parse(this.deps.clock.now());
    for (const [key, ticket] of this.pending) if (ticket.expiresAtMs <= nowMs) this.pending.delete(key);
    // Map keeps insertion order: the first key is the oldest ticket.
    const oldest = this.pending.keys().next();
    if (this.pending.size >= MAX_OUTSTANDING && !oldest.done) this.pending.delete(oldest.value);
    const ticket = randomBytes(32).toString('base64url');
    const expiresAtMs = nowMs + EVENTS_TICKET_SECONDS * 1000;
    this.pending.set(digest(ticket), { sessionHash: tokenHash(sessionToken), expiresAtMs });
    return { ticket, expiresAt: new Date(expiresAtMs).toISOString() };
  }

  /** Consumes a ticket (even a stale one: every ticket works at most once). */
  redeem(ticket: string | null): EventsPass {
    if (!ticket) {
      throw new PortsideError(
        'UNAUTHENTICATED',
        'The change-events stream needs a ticket: ask for one with POST /auth/events-ticket, then open /events?ticket=<ticket>.',
      );
    }
    const key = digest(ticket);
    const pending = this.pending.get(key);
    this.pending.delete(key);
    if (!pending || pending.expiresAtMs <= Date.parse(this.deps.clock.now())) {
      throw new PortsideError(
        'UNAUTHENTICATED',
        'This events ticket has expired or was already used. Ask for a new one with POST /auth/events-ticket.',
      );
    }
    return this.passFor(pending.sessionHash);
  }

  /** The same pass for a client that can send its session token in a header. */
  passForSession(sessionToken: string): EventsPass {
    return this.passFor(tokenHash(sessionToken));
  }

  private passFor(sessionHash: string): EventsPass {
    const user = this.userOf(sessionHash);
    if (!user) throw new PortsideError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
    return { user, sessionAlive: () => this.userOf(sessionHash) !== null };
  }

  private userOf(sessionHash: string): SessionUser | null {
    const record = this.deps.repos.users.userForSession(sessionHash, this.deps.clock.now());
    return record ? toSessionUser(record) : null;
  }
}

function digest(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}
