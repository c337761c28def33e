// The contract client: one typed `call` over IPC (Electron) or fetch (browser mode), built from the contract table.
import { contract, type InputOf, type OperationName, type OutputOf } from '../../../core/api/contract';
import { isErrorBody, PortsideError } from '../../../core/api/errors';
import type { EventsTicket } from '../../../core/domain/auth';
import type { NotificationPush } from '../../../core/domain/notification-api';
import type { PortsideBridge } from '../../../preload/index';

declare global {
  interface Window {
    portside?: PortsideBridge;
  }
}

export interface ChangeEvent {
  entity: 'order' | 'vehicle' | 'customer' | 'template' | 'notification';
  id: string;
  cause: string;
  summary?: string;
  /** Set on notifications: main delivers them only to this user's sessions. */
  recipientId?: string;
  notification?: NotificationPush;
}

export interface Transport {
  call(name: OperationName, input: unknown, token: string | null): Promise<unknown>;
  /** `onClosed`: the stream ended for good (e.g. the session expired); it is not retried. */
  subscribe(token: string, listener: (event: ChangeEvent) => void, onClosed?: () => void): () => void;
}

/** A path or query value as text: contract inputs there are ids, numbers or flags; anything else is sent as JSON, never "[object Object]". */
function urlText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Longest pause between two attempts to reopen the change-events stream. */
const MAX_RECONNECT_MS = 30_000;

/** Browser mode: REST on the same origin, SSE for change events. */
export function httpTransport(baseUrl = ''): Transport {
  const transport: Transport = {
    async call(name, input, token) {
      const def = contract[name];
      const rest: Record<string, unknown> = { ...(input as Record<string, unknown> | undefined) };
      const path = def.path.replace(/:([A-Za-z]+)/g, (_m, param: string) => {
        const value = rest[param];
        delete rest[param];
        return encodeURIComponent(value === undefined || value === null ? '' : urlText(value));
      });
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      let url = `${baseUrl}${path}`;
      let body: string | undefined;
      if (def.method === 'GET' || def.method === 'DELETE') {
        const query = new URLSearchParams();
        for (const [key, value] of Object.entries(rest))
          if (value !== undefined && value !== null && value !== '') query.set(key, urlText(value));
        if ([...query].length > 0) url += `?${query.toString()}`;
      } else {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(rest);
      }
      let response: Response;
      try {
        response = await fetch(url, { method: def.method, headers, body });
      } catch {
        throw new PortsideError('INTERNAL', 'Portside is not reachable. Check that it is still running, then try again.');
      }
      const payload: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        throw isErrorBody(payload)
          ? PortsideError.fromBody(payload)
          : new PortsideError('INTERNAL', `Unexpected answer (${response.status}).`);
      }
      return payload;
    },
    /**
     * The session token never goes in the stream's URL: each (re)connection first asks for a
     * one-use ticket. EventSource's own retry would reuse a spent ticket, so on any error the
     * stream is closed and reopened here with a fresh one, backing off while Portside is away.
     * A refused ticket (the session ended) ends the stream for good: `onClosed`.
     */
    subscribe(token, listener, onClosed) {
      let source: EventSource | null = null;
      let retryTimer: ReturnType<typeof setTimeout> | null = null;
      let failures = 0;
      let stopped = false;
      const retry = (): void => {
        if (stopped) return;
        retryTimer = setTimeout(() => void open(), Math.min(MAX_RECONNECT_MS, 1000 * 2 ** failures));
        failures += 1;
      };
      const open = async (): Promise<void> => {
        let ticket: EventsTicket;
        try {
          ticket = (await transport.call('auth.eventsTicket', {}, token)) as EventsTicket;
        } catch (error) {
          if (error instanceof PortsideError && error.code === 'UNAUTHENTICATED') {
            if (!stopped) onClosed?.();
          } else retry();
          return;
        }
        if (stopped) return;
        const opened = new EventSource(`${baseUrl}/events?ticket=${encodeURIComponent(ticket.ticket)}`);
        source = opened;
        opened.addEventListener('open', () => (failures = 0));
        opened.addEventListener('change', (e) => listener(JSON.parse((e as MessageEvent<string>).data) as ChangeEvent));
        opened.addEventListener('error', () => {
          opened.close();
          retry();
        });
      };
      void open();
      return () => {
        stopped = true;
        source?.close();
        if (retryTimer) clearTimeout(retryTimer);
      };
    },
  };
  return transport;
}

/** Electron: the preload bridge. */
export function ipcTransport(bridge: PortsideBridge): Transport {
  return {
    async call(name, input, token) {
      const reply = await bridge.invoke(name, input, token);
      if (reply.ok) return reply.value;
      throw PortsideError.fromBody(reply.error);
    },
    subscribe(_token, listener) {
      return bridge.onChange((event) => listener(event as ChangeEvent));
    },
  };
}

export interface Client {
  call<K extends OperationName>(name: K, input: InputOf<K>): Promise<OutputOf<K>>;
  setToken(token: string | null): void;
  subscribe(listener: (event: ChangeEvent) => void, onClosed?: () => void): () => void;
}

export function createClient(transport: Transport): Client {
  let token: string | null = null;
  return {
    async call(name, input) {
      return (await transport.call(name, input, token)) as OutputOf<typeof name>;
    },
    setToken(next) {
      token = next;
    },
    subscribe(listener, onClosed) {
      return token ? transport.subscribe(token, listener, onClosed) : () => undefined;
    },
  };
}

/** The app's client: IPC when running inside Electron, HTTP otherwise. */
export const client: Client = createClient(
  typeof window !== 'undefined' && window.portside ? ipcTransport(window.portside) : httpTransport(),
);
