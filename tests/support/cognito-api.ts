// A cloud-mode Portside over real HTTP against a cognito-local pool: no one signed in at start, a clock the tests can move on.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpMethod } from '../../core/api/contract';
import type { Clock } from '../../core/domain/runtime';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { memorySecretStore, type SecretStore } from '../../main/services/secret-store';
import { createHttpServer } from '../../main/transport/http';
import type { ApiResponse } from './api-harness';
import type { CognitoLocal } from './cognito-local';

/** Tokens are refreshed this long before they expire (cognito-local's last an hour by ExpiresIn). */
export const RENEWAL_MARGIN_MS = 30 * 60_000;
/** Moving the clock on this far makes every pool token due for refresh. */
export const UNTIL_REFRESH_DUE_MS = 31 * 60_000;

export interface CloudApi {
  readonly backend: Backend;
  readonly secrets: SecretStore;
  /** What the backend logged. */
  readonly logged: string[];
  /** Moves the backend's clock on (token expiry, renewal). */
  advance(ms: number): void;
  call<T = unknown>(method: HttpMethod, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface CloudApiOptions {
  /** PORTSIDE_DEMO=1: the demo accounts exist locally (and must not sign in). */
  demo?: boolean;
  /** Sign-in against the pool with no app client id: local mode (for the local-mode answers). */
  env?: Record<string, string>;
}

export async function startCloudApi(cognito: CognitoLocal, options: CloudApiOptions = {}): Promise<CloudApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portside-cloud-'));
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs).toISOString() };
  const secrets = memorySecretStore();
  const logged: string[] = [];
  const backend = createBackend(loadConfig({ PORTSIDE_DEMO: options.demo ? '1' : '0', ...cognito.env(), ...options.env }, { dataDir }), {
    clock,
    secrets,
    // The loop is driven by the tests (services.auth.renewSessions()); its own timer would only add noise. cognito-local's
    // tokens last an hour: with this margin they are due for refresh 30 minutes (of the test clock) after sign-in.
    sessionRenewal: { intervalMs: 3_600_000, marginMs: RENEWAL_MARGIN_MS },
    log: (message, error) => void logged.push(`${message}: ${String(error)}`),
  });
  const server = createHttpServer({
    dispatcher: backend.dispatcher,
    events: backend.services.events,
    tickets: backend.services.eventTickets,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    backend,
    secrets,
    logged,
    advance(ms) {
      offsetMs += ms;
    },
    async call<T>(method: HttpMethod, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>> {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
