// Sends one e-mail through the configured SMTP server with nodemailer, and says in a CSR's words why it failed.
import { createTransport } from 'nodemailer';
import type { SmtpSettings } from '../config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Portside's entry id, as a header: whoever reads the raw message can find the entry. */
  entryId: string;
}

export interface EmailSender {
  /** Resolves with the message id the server accepted; rejects with an EmailSendError. */
  send(message: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** A failed send, with the reason written for a CSR (shown on the entry). */
export class EmailSendError extends Error {
  override name = 'EmailSendError';
}

/** How long a dead or silent server may hold a send: the loop retries later rather than hang. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** nodemailer's SMTP options, as far as Portside sets them. */
interface SmtpTransportSettings {
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  auth?: { user: string; pass: string };
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

function transportOptions(settings: SmtpSettings): SmtpTransportSettings {
  if (settings.url !== null) return { url: settings.url, ...TIMEOUTS };
  return {
    host: settings.host ?? 'localhost',
    ...(settings.port !== null ? { port: settings.port } : {}),
    secure: settings.secure,
    ...(settings.user !== null ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    ...TIMEOUTS,
  };
}

/** Where the server is, for messages (never the URL itself: it may hold a password). */
function serverName(settings: SmtpSettings): string {
  if (settings.url !== null) {
    try {
      return new URL(settings.url).host;
    } catch {
      return 'the mail server';
    }
  }
  return `${settings.host ?? 'localhost'}${settings.port !== null ? `:${settings.port}` : ''}`;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** The reason a send failed, as a CSR reads it on the entry. */
export function describeSendFailure(error: unknown, server: string, to: string): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpFailure;
  const said = (e.response ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  switch (e.code) {
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return `The mail server (${server}) could not be reached: it may be down, or this computer is offline. Portside tries again by itself.`;
    case 'ETIMEDOUT':
      return `The mail server (${server}) did not answer in time. Portside tries again by itself.`;
    case 'EAUTH':
      return `The mail server (${server}) refused Portside's sign-in: ask whoever set up e-mail to check PORTSIDE_SMTP_USER and PORTSIDE_SMTP_PASSWORD.`;
    case 'ETLS':
      return `A secure connection to the mail server (${server}) could not be made: check PORTSIDE_SMTP_SECURE and the port.`;
    case 'EENVELOPE':
      return `The mail server refused the address ${to}${said ? ` ("${said}")` : ''}: check the customer's e-mail address.`;
    default:
      if (typeof e.responseCode === 'number') {
        return `The mail server refused the message (${e.responseCode}${said ? `: ${said}` : ''}). Portside tries again by itself.`;
      }
      return `Sending failed: ${(e.message ?? 'unknown error').slice(0, 200)}. Portside tries again by itself.`;
  }
}

/** The real sender over SMTP (one pooled-free transport: a few e-mails a day need no connection pool). */
export function smtpSender(settings: SmtpSettings): EmailSender {
  const transport = createTransport(transportOptions(settings));
  const server = serverName(settings);
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: { 'X-Portside-Entry': message.entryId },
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw new EmailSendError(describeSendFailure(error, server, message.to));
      }
    },
    close: () => transport.close(),
  };
}
