// Which user the window is signed in as, learnt from its own IPC calls, so addressed events reach only that user.
import type { OperationName, OutputOf } from '../../core/api/contract';
import type { SessionUser } from '../../core/auth/permissions';
import { isSignedIn } from '../../core/domain/auth';
import type { CallerContext, Dispatcher } from '../api/handlers';

/** Resolves a session token to its user while the session lasts (EventTickets.passForSession, by shape). */
export interface SessionLookup {
  passForSession(token: string): { user: SessionUser; sessionAlive(): boolean };
}

/**
 * The window's renderer sends its session token with every call; the last one that worked is
 * the window's session (sign-in hands out a new one, sign-out ends it). Events addressed to a
 * user are delivered to the window only while that session is alive and belongs to that user.
 */
export class WindowSession {
  private token: string | null = null;

  constructor(private readonly sessions: SessionLookup) {}

  /** The dispatcher the IPC transport calls through, noting the window's session on the way. */
  wrap(dispatcher: Dispatcher): Dispatcher {
    return {
      call: async <K extends OperationName>(name: K, input: unknown, token: string | null, caller: CallerContext): Promise<OutputOf<K>> => {
        const result = await dispatcher.call(name, input, token, caller);
        if (name === 'auth.login' || name === 'auth.completeNewPassword') {
          const answer = result as OutputOf<'auth.login'>;
          // A NEW_PASSWORD_REQUIRED challenge is no session: the window keeps the one it had (none).
          if (isSignedIn(answer)) this.token = answer.token;
        } else if (name === 'auth.logout' || name === 'auth.logoutEverywhere') this.token = null;
        else if (token !== null) this.token = token;
        return result;
      },
    };
  }

  /** The signed-in user of the window, or null (signed out, session expired, never signed in). */
  user(): SessionUser | null {
    if (this.token === null) return null;
    try {
      return this.sessions.passForSession(this.token).user;
    } catch {
      return null;
    }
  }
}
