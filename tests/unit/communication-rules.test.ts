// Specification of the communication log's input rules, the e-mail retry backoff, mailto links, SMTP settings and the timeline merge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInput } from '../../core/api/validation';
import { PortsideError } from '../../core/api/errors';
import { communicationLogInput, mailtoLink, nextEmailAttemptAt, type TimelineItem } from '../../core/domain/communication';
import { ConfigError, loadConfig } from '../../main/config';
import { describeSendFailure } from '../../main/services/email-sender';
import { mergeTimeline } from '../../main/services/timeline-service';

const ORDER = '0193a1b2-0000-7000-8000-000000000001';

function refusal(input: Record<string, unknown>): Record<string, string> {
  try {
    parseInput(communicationLogInput, { id: ORDER, ...input });
  } catch (error) {
    if (error instanceof PortsideError) return error.fields ?? {};
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('communication input', () => {
  it('accepts an internal note without a direction, and a call with one', () => {
    expect(parseInput(communicationLogInput, { id: ORDER, channel: 'note', body: '  Customer prefers mornings.  ' })).toMatchObject({
      channel: 'note',
      body: 'Customer prefers mornings.',
    });
    expect(parseInput(communicationLogInput, { id: ORDER, channel: 'phone', direction: 'in', body: 'Rang.' }).direction).toBe('in');
  });

  it('keeps line breaks in the body', () => {
    expect(parseInput(communicationLogInput, { id: ORDER, channel: 'note', body: 'Line one\r\nLine two' }).body).toBe('Line one\nLine two');
  });

  it('refuses an empty or blank body, naming it', () => {
    expect(refusal({ channel: 'note', body: '' })).toHaveProperty('body');
    expect(refusal({ channel: 'note', body: ' \n ' })).toHaveProperty('body');
    expect(refusal({ channel: 'note' })).toHaveProperty('body');
  });

  it('refuses an unknown channel, listing the ones there are', () => {
    expect(refusal({ channel: 'fax', direction: 'out', body: 'x' }).channel).toMatch(/note, phone, email, sms, whatsapp, letter/);
  });

  it('refuses a direction on a note and a missing direction everywhere else', () => {
    expect(refusal({ channel: 'note', direction: 'in', body: 'x' }).direction).toMatch(/not used on an internal note/);
    for (const channel of ['phone', 'email', 'sms', 'whatsapp', 'letter']) {
      expect(refusal({ channel, body: 'x' }).direction).toMatch(/direction is required/);
    }
    expect(refusal({ channel: 'phone', direction: 'sideways', body: 'x' }).direction).toMatch(/in .* or out/);
  });

  it('takes "to" only on an outgoing e-mail, and only a valid address', () => {
    expect(parseInput(communicationLogInput, { id: ORDER, channel: 'email', direction: 'out', to: ' a@example.com ', body: 'x' }).to).toBe(
      'a@example.com',
    );
    expect(refusal({ channel: 'email', direction: 'out', to: 'nope', body: 'x' }).to).toMatch(/valid e-mail address/);
    expect(refusal({ channel: 'email', direction: 'in', to: 'a@example.com', body: 'x' }).to).toMatch(/only for e-mails you send/);
    expect(refusal({ channel: 'email', direction: 'out', to: 'a@example.com\nBcc: b@example.com', body: 'x' })).toHaveProperty('to');
  });

  it('refuses author and time from the input', () => {
    expect(refusal({ channel: 'note', body: 'x', createdBy: 'u1' })).toHaveProperty('createdBy');
    expect(refusal({ channel: 'note', body: 'x', createdAt: '2026-01-01T00:00:00Z' })).toHaveProperty('createdAt');
  });

  it('refuses malformed vehicle ids and template keys', () => {
    expect(refusal({ channel: 'note', body: 'x', vehicleIds: 'v1' })).toHaveProperty('vehicleIds');
    expect(Object.keys(refusal({ channel: 'note', body: 'x', vehicleIds: ['ok-1', 'not ok'] }))[0]).toMatch(/^vehicleIds/);
    expect(refusal({ channel: 'note', body: 'x', templateKey: 'Status Update' })).toHaveProperty('templateKey');
  });
});

describe('e-mail retries back off', () => {
  it('waits 1, 2, 4 … minutes after each failure, at most an hour', () => {
    const now = '2026-11-30T10:00:00.000Z';
    expect(nextEmailAttemptAt(now, 1)).toBe('2026-11-30T10:01:00.000Z');
    expect(nextEmailAttemptAt(now, 2)).toBe('2026-11-30T10:02:00.000Z');
    expect(nextEmailAttemptAt(now, 3)).toBe('2026-11-30T10:04:00.000Z');
    expect(nextEmailAttemptAt(now, 7)).toBe('2026-11-30T11:00:00.000Z');
    expect(nextEmailAttemptAt(now, 50)).toBe('2026-11-30T11:00:00.000Z');
  });
});

describe('mailto links for drafted e-mails', () => {
  it('percent-encodes subject and body (spaces as %20, line breaks as CRLF, & and ? kept inside)', () => {
    const link = mailtoLink({ to: 'aroha@example.com', subject: 'Cars & parts?', body: 'Line 1\nLine 2 = 100%' });
    expect(link).toBe('mailto:aroha@example.com?subject=Cars%20%26%20parts%3F&body=Line%201%0D%0ALine%202%20%3D%20100%25');
  });

  it('works without an address or a subject', () => {
    expect(mailtoLink({ to: null, subject: null, body: 'Hi' })).toBe('mailto:?body=Hi');
  });
});

describe('SMTP settings', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'portside-smtp-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is off without PORTSIDE_SMTP_URL or PORTSIDE_SMTP_HOST', () => {
    expect(loadConfig({ PORTSIDE_DATA_DIR: dataDir }).smtp).toBeNull();
  });

  it('reads host, port, TLS, user, password and sender', () => {
    const config = loadConfig({
      PORTSIDE_DATA_DIR: dataDir,
      PORTSIDE_SMTP_HOST: 'smtp.example.com',
      PORTSIDE_SMTP_PORT: '465',
      PORTSIDE_SMTP_SECURE: '1',
      PORTSIDE_SMTP_USER: 'office',
      PORTSIDE_SMTP_PASSWORD: 's3cret',
      PORTSIDE_SMTP_FROM: 'Harbour Imports <office@example.com>',
    });
    expect(config.smtp).toEqual({
      url: null,
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      user: 'office',
      password: 's3cret',
      from: 'Harbour Imports <office@example.com>',
    });
  });

  it('refuses SMTP without a sender, and a URL of another scheme without echoing it', () => {
    expect(() => loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_SMTP_HOST: 'smtp.example.com' })).toThrow(/PORTSIDE_SMTP_FROM/);
    let error: unknown;
    try {
      loadConfig({ PORTSIDE_DATA_DIR: dataDir, PORTSIDE_SMTP_URL: 'http://u:hunter2@x', PORTSIDE_SMTP_FROM: 'a@example.com' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('says why a send failed in words for a CSR', () => {
    expect(describeSendFailure({ code: 'ECONNECTION' }, 'smtp.example.com:587', 'a@example.com')).toMatch(/could not be reached/);
    expect(describeSendFailure({ code: 'EAUTH' }, 'smtp.example.com', 'a@example.com')).toMatch(/PORTSIDE_SMTP_PASSWORD/);
    expect(describeSendFailure({ code: 'EENVELOPE', response: '550 No such user' }, 'x', 'a@example.com')).toMatch(
      /refused the address a@example.com/,
    );
  });
});

describe('the timeline merge', () => {
  const item = (id: string, at: string): TimelineItem => ({
    kind: 'order',
    id,
    at,
    actorName: 'A',
    action: 'updated',
    changes: [],
    reason: null,
  });

  it('merges sources newest first (ties by id) and pages without loss', () => {
    const a = [item('a3', '2026-01-03T00:00:00.000Z'), item('a1', '2026-01-01T00:00:00.000Z')];
    const b = [item('b2', '2026-01-02T00:00:00.000Z'), item('b3', '2026-01-03T00:00:00.000Z')];
    const source = (items: TimelineItem[]) => (q: { limit: number; before: { at: string; id: string } | null }) =>
      items
        .filter((i) => !q.before || i.at < q.before.at || (i.at === q.before.at && i.id < q.before.id))
        .sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1))
        .slice(0, q.limit);
    const first = mergeTimeline([source(a), source(b)], { orderId: 'o', limit: 2, before: null });
    expect(first.items.map((i) => i.id)).toEqual(['b3', 'a3']);
    expect(first.nextCursor).not.toBeNull();
    const last = first.items[1];
    const second = mergeTimeline([source(a), source(b)], { orderId: 'o', limit: 2, before: { at: last?.at ?? '', id: last?.id ?? '' } });
    expect(second.items.map((i) => i.id)).toEqual(['b2', 'a1']);
    expect(second.nextCursor).toBeNull();
  });
});
