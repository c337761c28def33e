// The change-events stream (SSE) of browser mode, opened with a one-use ticket, never the session token in the URL.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PortsideError } from '../../core/api/errors';
import type { ChangeEvents } from '../services/change-events';
import type { EventsPass, EventTickets } from '../services/event-tickets';
import { internalError, sendError } from './http-responses';

const HEARTBEAT_MS = 25_000;

export function serveEvents(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { events: ChangeEvents; tickets: EventTickets; bearer: string | null },
): void {
  let pass: EventsPass;
  try {
    if (url.searchParams.has('token')) {
      throw new PortsideError(
        'VALIDATION',
        'The events stream does not take the session token in its address (addresses end up in logs and history). Ask for a ticket with POST /auth/events-ticket, then open /events?ticket=<ticket>.',
      );
    }
    // EventSource cannot send headers, hence the ticket; other clients may send their bearer token as usual.
    pass = deps.bearer ? deps.tickets.passForSession(deps.bearer) : deps.tickets.redeem(url.searchParams.get('ticket'));
  } catch (error) {
    sendError(res, error instanceof PortsideError ? error : internalError());
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  // A stream outlives neither its client nor its session (sign-out, expiry): checked before each write.
  const send = (text: string): void => {
    if (pass.sessionAlive()) {
      res.write(text);
      return;
    }
    stop();
    res.end();
  };
  // Notifications are addressed: this stream carries only its own user's.
  const unsubscribe = deps.events.subscribeFor(pass.user.id, (event) => send(`event: change\ndata: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
  function stop(): void {
    clearInterval(heartbeat);
    unsubscribe();
  }
  req.on('close', stop);
}
