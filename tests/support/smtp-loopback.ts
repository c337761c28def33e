// A real SMTP server (npm smtp-server) on 127.0.0.1 for tests: keeps what arrives, can refuse messages, can be stopped and started on the same port.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string | null;
  to: string[];
  /** The raw message as the server received it (headers and body). */
  raw: string;
  header(name: string): string | null;
  /** The body after the headers (short ASCII bodies arrive as typed, lines joined by CRLF). */
  body: string;
}

export interface LoopbackSmtp {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** accept: 250 for every message; reject: 451 for every message (a temporary failure, as a full mailbox). */
  mode: 'accept' | 'reject';
  /** Resolves once `count` messages have arrived in all. */
  waitFor(count: number): Promise<void>;
  /** Stops listening (connections are refused until `start`). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

function parse(raw: string, from: string | null, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4).replace(/\r\n$/, '');
  // Folded header lines continue with white space.
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  return {
    from,
    to,
    raw,
    body,
    header(name) {
      const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return line === undefined ? null : line.slice(name.length + 1).trim();
    },
  };
}

export async function startLoopbackSmtp(): Promise<LoopbackSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const state = { mode: 'accept' as 'accept' | 'reject' };
  const makeServer = (): SMTPServer =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (state.mode === 'reject') {
            const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          received.push(
            parse(
              Buffer.concat(chunks).toString('utf8'),
              from,
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
          callback();
        });
      },
    });
  let server = makeServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    get mode() {
      return state.mode;
    },
    set mode(value) {
      state.mode = value;
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    async start() {
      server = makeServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}
