// The contract client: one typed `call` over IPC (Electron) or fetch (browser mode), built from the contract table.
import { contract, type InputOf, type OperationName, type OutputOf } from '../../../core/api/contract';
import { isErrorBody, PortsideError } from '../../../core/api/errors';
import type { PortsideBridge } from '../../../preload/index';

declare global {
  interface Window {
    portside?: PortsideBridge;
  }
}

export interface ChangeEvent {
  entity: 'order' | 'vehicle' | 'customer';
  id: string;
  cause: string;
  summary?: string;
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

/** Browser mode: REST on the same origin, SSE for change events. */
export function httpTransport(baseUrl = ''): Transport {
  return {
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
    subscribe(token, listener, onClosed) {
      const source = new EventSource(`${baseUrl}/events?token=${encodeURIComponent(token)}`);
      source.addEventListener('change', (e) => listener(JSON.parse((e as MessageEvent<string>).data) as ChangeEvent));
      // A dropped connection is retried by EventSource itself (CONNECTING); a refusal such as
      // 401 closes it for good, and the page must learn that rather than go quietly stale.
      source.addEventListener('error', () => {
        if (source.readyState === EventSource.CLOSED) onClosed?.();
      });
      return () => source.close();
    },
  };
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
