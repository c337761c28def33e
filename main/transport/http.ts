// Loopback REST + SSE transport built from the contract table; also serves the renderer in browser mode.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contract, type HttpMethod, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { RENDERER_CSP } from '../../core/api/content-security-policy';
import { PortsideError } from '../../core/api/errors';
import type { Dispatcher } from '../api/handlers';
import type { ChangeEvents } from '../services/change-events';
import type { AuthService } from '../services/auth-service';
import { assembleInput } from './request-input';

const MAX_BODY_BYTES = 1_000_000;

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

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HttpOptions {
  dispatcher: Dispatcher;
  events: ChangeEvents;
  auth: AuthService;
  /** Built renderer (dist/renderer); when absent only the API is served. */
  staticDir?: string | undefined;
  log?: (message: string, error?: unknown) => void;
}

export function createHttpServer(options: HttpOptions): Server {
  const routes = compileRoutes();
  const staticRoot = options.staticDir && existsSync(options.staticDir) ? resolve(options.staticDir) : null;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.('http handler crashed', error);
      if (!res.headersSent) sendError(res, new PortsideError('INTERNAL', 'Something went wrong on our side. Try again.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host)) {
      // Refuse DNS-rebinding: a page on another site must never reach the local API.
      sendError(res, new PortsideError('FORBIDDEN', 'Portside only answers requests addressed to 127.0.0.1 or localhost.'));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/events' && method === 'GET') return serveEvents(req, res, url);

    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    let pathMatched = false;
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      try {
        const result = await options.dispatcher.call(route.name, await requestInput(req, url, method, route, match), bearer(req));
        sendJson(res, contract[route.name].status, result);
      } catch (error) {
        sendError(
          res,
          error instanceof PortsideError ? error : new PortsideError('INTERNAL', 'Something went wrong on our side. Try again.'),
        );
      }
      return;
    }
    if (pathMatched) {
      sendError(res, new PortsideError('NOT_FOUND', `${method} is not supported on ${path}.`));
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && staticRoot) return serveStatic(res, staticRoot, url.pathname);
    sendError(res, new PortsideError('NOT_FOUND', `There is no ${method} ${path} in the Portside API.`));
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // EventSource cannot set headers, so the token may come as a query parameter here only.
    try {
      options.auth.authenticate(bearer(req) ?? url.searchParams.get('token'));
    } catch (error) {
      sendError(res, error as PortsideError);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = options.events.subscribe((event) => {
      res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  return server;
}

/** Query (GET/DELETE) or JSON body (POST/PUT), then path parameters, as one input object. */
async function requestInput(
  req: IncomingMessage,
  url: URL,
  method: string,
  route: Route,
  match: RegExpExecArray,
): Promise<Record<string, unknown>> {
  const inputFrom = method === 'GET' || method === 'DELETE' ? 'query' : 'body';
  return assembleInput({
    inputFrom,
    search: url.search,
    body: inputFrom === 'body' ? await readJson(req) : undefined,
    params: route.params.map((param, i): [string, string] => [param, match[i + 1] ?? '']),
    pathname: url.pathname,
  });
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}

function badRequest(message: string): PortsideError {
  return new PortsideError('VALIDATION', message);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw badRequest('The request body is larger than 1 MB.');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: PortsideError): void {
  sendJson(res, error.status, error.toBody());
}

function serveStatic(res: ServerResponse, root: string, pathname: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/'; // a malformed escape is no file of ours: serve the app itself
  }
  const requested = normalize(join(root, decoded));
  // Only files inside the renderer folder; anything else (../, unknown paths) gets the app's index.
  const inside = requested === root || requested.startsWith(root + sep);
  const file = inside && existsSync(requested) && statSync(requested).isFile() ? requested : join(root, 'index.html');
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = RENDERER_CSP;
    headers['cache-control'] = 'no-cache';
  } else if (pathname.startsWith('/assets/')) {
    headers['cache-control'] = 'public, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}
