// Loopback REST + SSE transport built from the contract table; also serves the renderer in browser mode.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { contract, type HttpMethod, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { PortsideError } from '../../core/api/errors';
import { buildOpenApiDocument, type OpenApiDocument } from '../../core/api/openapi';
import { APP_VERSION } from '../api/backend';
import type { Dispatcher } from '../api/handlers';
import type { ChangeEvents } from '../services/change-events';
import type { EventTickets } from '../services/event-tickets';
import { serveEvents } from './http-events';
import { hasBody, parseJsonObject, readBody, requireJsonMediaType } from './http-input';
import { internalError, refuseOversizedBody, sendError, sendJson } from './http-responses';
import { serveStaticFile, type StaticSite, staticFileFor } from './http-static';
import { assembleInput } from './request-input';

interface Route {
  name: OperationName;
  method: HttpMethod;
  pattern: RegExp;
  params: string[];
}

function compileRoutes(): Route[] {
  return OPERATION_NAMES.map((name) => {
    const def = contract[name];
    const params: string[] = [];
    const source = def.path
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { name, method: def.method, pattern: new RegExp(`^${source}$`), params };
  });
}

export interface HttpOptions {
  dispatcher: Dispatcher;
  events: ChangeEvents;
  tickets: EventTickets;
  /** Built renderer (dist/renderer); when absent only the API is served. */
  staticDir?: string | undefined;
  /** Serve `*.map` files of the renderer (PORTSIDE_SERVE_SOURCE_MAPS=1); off by default. */
  serveSourceMaps?: boolean;
  log?: (message: string, error?: unknown) => void;
}

export function createHttpServer(options: HttpOptions): Server {
  const routes = compileRoutes();
  const site: StaticSite | null =
    options.staticDir && existsSync(options.staticDir)
      ? { root: resolve(options.staticDir), serveSourceMaps: options.serveSourceMaps ?? false }
      : null;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.('http handler crashed', error);
      if (!res.headersSent) sendError(res, internalError());
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refusedCaller(req);
    if (refusal) return sendError(res, refusal);
    const target = req.url ?? '';
    if (!target.startsWith('/')) return sendError(res, new PortsideError('VALIDATION', 'Ask for a path such as /orders.'));
    const url = new URL(`http://127.0.0.1${target}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;

    if (path === OPENAPI_PATH) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, method, path, ['GET', 'HEAD']);
      return sendJson(res, 200, openApiDocument());
    }
    if (path === '/events') {
      if (method !== 'GET') return methodNotAllowed(res, method, path, ['GET']);
      return serveEvents(req, res, url, { events: options.events, tickets: options.tickets, bearer: bearer(req) });
    }

    const onPath = routes.filter((candidate) => candidate.pattern.test(path));
    const route = onPath.find((candidate) => candidate.method === method);
    if (route) return callOperation(req, res, url, path, route);
    const allowed = onPath.map((candidate) => candidate.method);
    if (allowed.length > 0) return methodNotAllowed(res, method, path, allowed);

    const file = site ? staticFileFor(site, url.pathname) : null;
    if (file && (method === 'GET' || method === 'HEAD')) return serveStaticFile(res, file, url.pathname);
    if (file) return methodNotAllowed(res, method, path, ['GET', 'HEAD']);
    const hint = method === 'GET' || method === 'HEAD' ? ' Open the app at / (its screens live after the #, e.g. /#/orders).' : '';
    sendError(res, new PortsideError('NOT_FOUND', `There is no ${method} ${path} in the Portside API.${hint}`));
  }

  async function callOperation(req: IncomingMessage, res: ServerResponse, url: URL, path: string, route: Route): Promise<void> {
    try {
      const match = route.pattern.exec(path);
      const inputFrom = route.method === 'POST' || route.method === 'PUT' ? 'body' : 'query';
      if (inputFrom === 'body') requireJsonMediaType(req);
      else if (hasBody(req)) {
        // Dropping it silently would hide fields the caller thinks were sent (a reason, a version).
        throw new PortsideError(
          'VALIDATION',
          `${route.method} ${contract[route.name].path} takes its input in the query string: send no request body.`,
        );
      }
      const input = assembleInput({
        inputFrom,
        search: url.search,
        body: inputFrom === 'body' ? parseJsonObject(await readBody(req)) : undefined,
        // Still percent-encoded: assembleInput decodes strictly and names a broken parameter.
        params: route.params.map((param, i): [string, string] => [param, match?.[i + 1] ?? '']),
        pathname: url.pathname,
      });
      // The remote address is the sign-in throttle's client: on loopback, every local caller shares it.
      const client = { client: req.socket.remoteAddress ?? 'unknown' };
      const result = await options.dispatcher.call(route.name, input, bearer(req), client);
      sendJson(res, contract[route.name].status, result);
    } catch (error) {
      if (error instanceof PortsideError && error.code === 'PAYLOAD_TOO_LARGE') return refuseOversizedBody(req, res, error);
      sendError(res, error instanceof PortsideError ? error : internalError());
    }
  }

  return server;
}

/**
 * The OpenAPI document, served without a token: it describes the API, not any data. Not a
 * contract operation: it is about the HTTP transport only (IPC has no paths), and an operation
 * would also put it through sign-in throttling and input validation for nothing.
 */
const OPENAPI_PATH = '/openapi.json';
let openApiCache: OpenApiDocument | null = null;

/** Built on first request (tens of milliseconds), then kept: the contract cannot change while running. */
function openApiDocument(): OpenApiDocument {
  openApiCache ??= buildOpenApiDocument({ version: APP_VERSION });
  return openApiCache;
}

function methodNotAllowed(res: ServerResponse, method: string, path: string, allowed: readonly string[]): void {
  const allow = [...new Set(allowed)].join(', ');
  sendError(res, new PortsideError('METHOD_NOT_ALLOWED', `${method} is not supported on ${path}: use ${allow}.`), { allow });
}

/**
 * Who may talk to this server at all: requests addressed to the loopback names (a foreign Host is
 * DNS rebinding) and, when a browser says where a request comes from, from Portside's own pages
 * only. No CORS headers are ever sent, so no other site may read an answer either.
 */
function refusedCaller(req: IncomingMessage): PortsideError | null {
  if (!isLoopbackHost(req.headers.host)) {
    return new PortsideError('FORBIDDEN', 'Portside only answers requests addressed to 127.0.0.1 or localhost.');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req.socket.localPort)) {
    return new PortsideError(
      'FORBIDDEN',
      'Portside only answers its own pages: this request came from another site. Open Portside itself at http://127.0.0.1 and the port it printed.',
    );
  }
  return null;
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function isOwnOrigin(origin: string, port: number | undefined): boolean {
  const value = origin.toLowerCase();
  const suffix = port === 80 ? ['', ':80'] : [`:${port ?? ''}`];
  return suffix.some((s) => value === `http://127.0.0.1${s}` || value === `http://localhost${s}`);
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}
