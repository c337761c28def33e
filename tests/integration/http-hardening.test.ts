// The local server against hostile callers: prototype keys, oversized bodies, other sites, foreign hosts, tokens in URLs.
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, isErrorBody } from '../../core/api/errors';
import type { EventsTicket, LoginResult } from '../../core/domain/auth';
import { ManualClock } from '../../core/domain/runtime';
import type { Order } from '../../core/domain/order';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { createConfirmedOrder, createCustomer } from '../support/fixtures';

let api: ApiHarness;
let port: string;

beforeAll(async () => {
  api = await startApi();
  port = new URL(api.baseUrl).port;
});
afterAll(async () => {
  await api.close();
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  reusedSocket: boolean;
}

/** One request with exactly these headers (fetch will not send a chosen Host, Origin or Content-Type). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | readonly string[],
  agent?: Agent,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, ...(agent ? { agent } : {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // Several writes without a length: the body goes chunked.
    for (const part of typeof body === 'string' ? [body] : (body ?? [])) req.write(part);
    req.end();
  });
}

function errorOf(res: RawResponse): ErrorBody {
  const body: unknown = JSON.parse(res.text);
  if (!isErrorBody(body)) throw new Error(`not an error body: ${res.text}`);
  expect(Object.keys(body).every((key) => ['code', 'message', 'fields'].includes(key))).toBe(true);
  return body;
}

const json = { 'content-type': 'application/json' };
const signedIn = (): Record<string, string> => ({ ...json, authorization: `Bearer ${api.token}` });

describe('prototype keys in a body', () => {
  it('refuses {"__proto__": {...}} naming the key, and the order is not cancelled through the prototype', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const res = await raw(
      'PUT',
      `/orders/${order.id}`,
      signedIn(),
      `{"version":${order.version},"__proto__":{"status":"Cancelled","reason":"x"}}`,
    );
    expect(res.status).toBe(400);
    const body = errorOf(res);
    expect(body.code).toBe('VALIDATION');
    expect(body.message).toContain('"__proto__"');
    expect(Object.keys(body.fields ?? {})).toEqual(['__proto__']);
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`))).toMatchObject({ status: 'Confirmed', version: order.version });
  });

  it('names where a nested prototype key sits, and refuses constructor.prototype too', async () => {
    const nested = errorOf(await raw('POST', '/orders', signedIn(), '{"currency":"USD","vehicles":[{"__proto__":{"price":1}}]}'));
    expect(nested.fields).toEqual({ 'vehicles.0.__proto__': 'This key is not allowed.' });
    const ctor = errorOf(await raw('POST', '/customers', signedIn(), '{"name":"A","constructor":{"prototype":{"isAdmin":true}}}'));
    expect(ctor.code).toBe('VALIDATION');
    expect(ctor.fields).toEqual({ 'constructor.prototype': 'This key is not allowed.' });
  });

  it('refuses a body that is not UTF-8 rather than guessing at it', async () => {
    const res = await new Promise<RawResponse>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/customers', headers: signedIn() }, (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text, reusedSocket: false }));
      });
      req.on('error', reject);
      req.end(Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])); // {"name":"\xff"}
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe('The request body is not valid UTF-8 text. Send JSON encoded as UTF-8.');
  });
});

describe('413 PAYLOAD_TOO_LARGE on a keep-alive connection', () => {
  const twoMegabytes = JSON.stringify({ name: 'x'.repeat(2_000_000) });

  for (const [how, body] of [
    ['with a Content-Length', twoMegabytes],
    [
      'sent in chunks without a length',
      [twoMegabytes.slice(0, 700_000), twoMegabytes.slice(700_000, 1_400_000), twoMegabytes.slice(1_400_000)],
    ],
  ] as const) {
    it(`answers 413 to a 2 MB body ${how}, closes that connection cleanly, and the next request works on a new one`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const headers: Record<string, string> = { ...signedIn() };
        if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
        const refused = await raw('POST', '/customers', headers, body, agent);
        expect(refused.status).toBe(413);
        expect(refused.headers.connection).toBe('close');
        const error = errorOf(refused);
        expect(error.code).toBe('PAYLOAD_TOO_LARGE');
        expect(error.message).toBe('The request body is larger than 1 MB. Send less at once (shorter notes, fewer vehicles per call).');

        const next = await raw('GET', '/auth/me', { authorization: `Bearer ${api.token}` }, undefined, agent);
        expect(next.status).toBe(200);
        expect(next.reusedSocket).toBe(false);
        const after = await raw('GET', '/auth/me', { authorization: `Bearer ${api.token}` }, undefined, agent);
        expect(after.reusedSocket).toBe(true);
      } finally {
        agent.destroy();
      }
    });
  }
});

describe('requests from other sites', () => {
  it('refuses a cross-site text/plain sign-in (a "simple" request no browser preflights) with 403', async () => {
    const res = await raw(
      'POST',
      '/auth/login',
      { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      JSON.stringify({ username: TEST_USER.username, password: TEST_PASSWORD }),
    );
    expect(res.status).toBe(403);
    expect(errorOf(res).message).toContain('Portside only answers its own pages');
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses any Origin but its own, on every method, and never sends CORS headers', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${Number(port) + 1}`,
      `http://localhost.evil:${port}`,
      'file://',
    ]) {
      for (const method of ['GET', 'OPTIONS']) {
        const res = await raw(method, '/orders', { authorization: `Bearer ${api.token}`, origin, 'access-control-request-method': 'POST' });
        expect(res.status, `${method} ${origin}`).toBe(403);
        expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
    }
  });

  it('accepts its own origin, written either way', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `HTTP://LOCALHOST:${port}`]) {
      const res = await raw(
        'POST',
        '/auth/login',
        { ...json, origin },
        JSON.stringify({ username: TEST_USER.username, password: TEST_PASSWORD }),
      );
      expect(res.status, origin).toBe(200);
    }
  });

  it('answers a preflight from its own origin with 405 and no CORS headers', async () => {
    const res = await raw('OPTIONS', '/orders', { origin: `http://127.0.0.1:${port}`, 'access-control-request-method': 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('415 UNSUPPORTED_MEDIA_TYPE', () => {
  it('refuses a body that is not declared as JSON, even from the app itself, before signing in', async () => {
    const credentials = JSON.stringify({ username: TEST_USER.username, password: TEST_PASSWORD });
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/jsonp',
    ]) {
      const res = await raw('POST', '/auth/login', type ? { 'content-type': type } : {}, credentials);
      expect(res.status, type).toBe(415);
      const error = errorOf(res);
      expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(error.message).toBe('Send the request body as JSON, with the header "Content-Type: application/json" (UTF-8).');
    }
  });

  it('accepts application/json with a UTF-8 charset, in any case', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset="UTF-8"']) {
      const res = await raw(
        'POST',
        '/auth/login',
        { 'content-type': type },
        JSON.stringify({ username: TEST_USER.username, password: TEST_PASSWORD }),
      );
      expect(res.status, type).toBe(200);
      expect((JSON.parse(res.text) as LoginResult).user.username).toBe(TEST_USER.username);
    }
  });
});

describe('a body where the input is the query string', () => {
  it('is refused on GET and DELETE, never dropped silently', async () => {
    // Node's client frames a GET or DELETE body only when told its length.
    const send = (method: string, path: string, body: string) =>
      raw(method, path, { ...auth, 'content-length': String(Buffer.byteLength(body)) }, body);
    const auth = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
    const list = await send('GET', '/orders?limit=1', JSON.stringify({ evil: 1 }));
    expect(list.status).toBe(400);
    expect(errorOf(list).message).toBe('GET /orders takes its input in the query string: send no request body.');
    const remove = await send('DELETE', '/orders/any-order/vehicles/any-vehicle?version=1', JSON.stringify({ reason: 'in body' }));
    expect(remove.status).toBe(400);
    expect(errorOf(remove).message).toContain('takes its input in the query string');
  });
});

describe('Host names', () => {
  it('accepts the loopback names in any case', async () => {
    for (const host of [`LOCALHOST:${port}`, `LocalHost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      expect((await raw('GET', '/system/info', { host })).status, host).toBe(200);
    }
  });

  it('refuses every other host name (DNS rebinding)', async () => {
    for (const host of ['evil.com', `127.0.0.1.evil.com:${port}`, `localhost.evil:${port}`, `localhost.:${port}`, `evil.com:${port}`]) {
      const res = await raw('GET', '/system/info', { host });
      expect(res.status, host).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
  });
});

describe('404 and 405 answer JSON', () => {
  it('answers 405 with Allow on /events and on an operation path', async () => {
    const events = await raw('POST', '/events', signedIn(), '{}');
    expect(events.status).toBe(405);
    expect(events.headers.allow).toBe('GET');
    const order = await raw('PATCH', '/orders/x', signedIn(), '{}');
    expect(order.status).toBe(405);
    expect(order.headers.allow).toBe('GET, PUT');
    expect(errorOf(order)).toEqual({ code: 'METHOD_NOT_ALLOWED', message: 'PATCH is not supported on /orders/x: use GET, PUT.' });
  });

  it('answers an unknown path with 404 JSON, with or without a token, and no app page', async () => {
    for (const headers of [{}, { authorization: `Bearer ${api.token}` }] as Record<string, string>[]) {
      const res = await raw('GET', '/staff', headers);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
  });
});

describe('the events stream', () => {
  const ticket = async (token = api.token): Promise<EventsTicket> =>
    expectOk(await api.call<EventsTicket>('POST', '/auth/events-ticket', {}, { token }));

  it('refuses the session token in its address, even a valid one', async () => {
    const body = expectError(await api.call('GET', `/events?token=${api.token}`, undefined, { token: null }), 'VALIDATION');
    expect(body.message).toContain('Ask for a ticket with POST /auth/events-ticket');
  });

  it('takes a ticket once only', async () => {
    const { ticket: once } = await ticket();
    const controller = new AbortController();
    const first = await fetch(`${api.baseUrl}/events?ticket=${encodeURIComponent(once)}`, { signal: controller.signal });
    expect(first.status).toBe(200);
    controller.abort();
    const again = expectError(
      await api.call('GET', `/events?ticket=${encodeURIComponent(once)}`, undefined, { token: null }),
      'UNAUTHENTICATED',
    );
    expect(again.message).toBe('This events ticket has expired or was already used. Ask for a new one with POST /auth/events-ticket.');
    expectError(await api.call('GET', '/events?ticket=made-up', undefined, { token: null }), 'UNAUTHENTICATED');
  });

  it('gives tickets only to a session, and voids them when it signs out', async () => {
    expectError(await api.call('POST', '/auth/events-ticket', {}, { token: null }), 'UNAUTHENTICATED');
    const { token } = await api.signIn(TEST_USER.username, TEST_PASSWORD);
    const { ticket: unused } = await ticket(token);
    expectOk(await api.call('POST', '/auth/logout', {}, { token }));
    const body = expectError(
      await api.call('GET', `/events?ticket=${encodeURIComponent(unused)}`, undefined, { token: null }),
      'UNAUTHENTICATED',
    );
    expect(body.message).toBe('Your session has ended. Sign in again to continue.');
  });

  it('ends an open stream once its session has signed out, instead of streaming on', async () => {
    const { token } = await api.signIn(TEST_USER.username, TEST_PASSWORD);
    const { ticket: pass } = await ticket(token);
    const res = await fetch(`${api.baseUrl}/events?ticket=${encodeURIComponent(pass)}`);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    await reader.read(); // ": connected"
    expectOk(await api.call('POST', '/auth/logout', {}, { token }));
    await createCustomer(api, { name: 'After Sign-out' });
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += new TextDecoder().decode(chunk.value as Uint8Array);
    expect(text).not.toContain('After Sign-out');
    expect(text).not.toContain('event: change');
  });

  it('refuses a ticket older than 30 seconds', async () => {
    const clock = new ManualClock(Date.now());
    const timed = await startApi({ clock });
    try {
      const { ticket: late, expiresAt } = expectOk(await timed.call<EventsTicket>('POST', '/auth/events-ticket', {}));
      expect(Date.parse(expiresAt) - Date.parse(clock.now())).toBe(30_000);
      clock.advance(30_001);
      expectError(await timed.call('GET', `/events?ticket=${encodeURIComponent(late)}`, undefined, { token: null }), 'UNAUTHENTICATED');
    } finally {
      await timed.close();
    }
  });
});
