// Specification of the analytics math (percentiles, weeks, office-local days, fills, ageing, forecasts, schedule) and of the CSV export and dashboard filter refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { parseInput } from '../../core/api/validation';
import {
  ageBucketOf,
  bottleneckOf,
  dashboardInput,
  DEFAULT_STALE_DAYS,
  fillMonths,
  fillWeeks,
  forecastDeliveryMs,
  localDayStartUtc,
  nearestRank,
  ORIGIN_SPANS_NEEDED,
  originKey,
  scheduleStateOf,
  type StageMedians,
  tenthDays,
  TIMED_STAGES,
  weekStartOf,
} from '../../core/domain/analytics';
import { CSV_BOM, csvCell, toCsv } from '../../core/domain/csv';
import { localDateOf } from '../../core/domain/task';

fc.configureGlobal({ seed: 20261130, numRuns: 200 });

const DAY = 86_400_000;

describe('nearestRank', () => {
  it('is null for no counts at all', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([[4, 0]], 90)).toBeNull();
  });

  it('gives the only value for a single span, whatever the percent', () => {
    for (const p of [0, 1, 50, 90, 100]) expect(nearestRank([[7, 1]], p)).toBe(7);
  });

  it('counts ties: with [1,1,2,2] the median is 1 and the 90th percentile 2', () => {
    const h = [
      [1, 2],
      [2, 2],
    ] as const;
    expect(nearestRank(h, 50)).toBe(1);
    expect(nearestRank(h, 51)).toBe(2);
    expect(nearestRank(h, 90)).toBe(2);
  });

  it('takes rank ceil(p% of n): the 90th of 1..10 is 9, of 1..11 is 10, of 1..20 is 18', () => {
    const ones = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [i + 1, 1]);
    expect(nearestRank(ones(10), 90)).toBe(9);
    expect(nearestRank(ones(11), 90)).toBe(10);
    expect(nearestRank(ones(20), 90)).toBe(18);
    expect(nearestRank(ones(9), 90)).toBe(9);
    expect(nearestRank(ones(10), 100)).toBe(10);
    expect(nearestRank(ones(10), 50)).toBe(5);
  });

  it('equals the sorted-list definition for any histogram (the SQL and the reference both rest on it)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 400 }), { minLength: 1, maxLength: 60 }), fc.constantFrom(50, 90, 95), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        const histogram = [...new Set(sorted)].map((v) => [v, sorted.filter((x) => x === v).length] as const);
        expect(nearestRank(histogram, p)).toBe(sorted[Math.ceil((p * sorted.length) / 100) - 1]);
      }),
    );
  });
});

describe('tenthDays', () => {
  it('rounds down to a tenth of a day and never goes negative', () => {
    expect(tenthDays('2026-01-01T00:00:00.000Z', '2026-01-01T02:23:59.999Z')).toBe(0);
    expect(tenthDays('2026-01-01T00:00:00.000Z', '2026-01-01T02:24:00.000Z')).toBe(1);
    expect(tenthDays('2026-01-01T00:00:00.000Z', '2026-01-03T12:00:00.000Z')).toBe(25);
    expect(tenthDays('2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe(0);
  });
});

describe('weekStartOf', () => {
  it('gives the Monday of the ISO week, across the end of a year', () => {
    expect(weekStartOf('2026-12-31')).toBe('2026-12-28'); // a Thursday
    expect(weekStartOf('2027-01-03')).toBe('2026-12-28'); // the Sunday ends that week
    expect(weekStartOf('2027-01-04')).toBe('2027-01-04'); // a Monday is its own week start
    expect(weekStartOf('2026-03-01')).toBe('2026-02-23'); // a Sunday after February
    expect(weekStartOf('2028-02-29')).toBe('2028-02-28'); // a leap day
  });

  it('is always a Monday at most six days before the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        const start = weekStartOf(day);
        expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
        const gap = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY;
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(6);
      }),
    );
  });
});

describe('localDayStartUtc', () => {
  it('follows Europe/London into and out of summer time', () => {
    expect(localDayStartUtc('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z'); // clocks go forward at 01:00
    expect(localDayStartUtc('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
    expect(localDayStartUtc('2026-10-25', 'Europe/London')).toBe('2026-10-24T23:00:00.000Z'); // clocks go back at 02:00
    expect(localDayStartUtc('2026-10-26', 'Europe/London')).toBe('2026-10-26T00:00:00.000Z');
  });

  it('starts the day at 01:00 where midnight is skipped (America/Santiago, 6 September 2026)', () => {
    expect(localDayStartUtc('2026-09-05', 'America/Santiago')).toBe('2026-09-05T04:00:00.000Z');
    expect(localDayStartUtc('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(localDayStartUtc('2026-09-07', 'America/Santiago')).toBe('2026-09-07T03:00:00.000Z');
  });

  it('starts Auckland days 12 or 13 hours before UTC ones', () => {
    expect(localDayStartUtc('2027-01-15', 'Pacific/Auckland')).toBe('2027-01-14T11:00:00.000Z');
    expect(localDayStartUtc('2026-04-05', 'Pacific/Auckland')).toBe('2026-04-04T11:00:00.000Z'); // summer time ends at 03:00
    expect(localDayStartUtc('2026-04-06', 'Pacific/Auckland')).toBe('2026-04-05T12:00:00.000Z');
    expect(localDayStartUtc('2026-09-27', 'Pacific/Auckland')).toBe('2026-09-26T12:00:00.000Z'); // summer time starts at 02:00
    expect(localDayStartUtc('2026-09-28', 'Pacific/Auckland')).toBe('2026-09-27T11:00:00.000Z');
  });

  it('is the first instant whose office-local day is that day, in any zone', () => {
    const zones = ['Europe/London', 'Pacific/Auckland', 'America/Santiago', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        const start = Date.parse(localDayStartUtc(day, zone));
        expect(localDateOf(new Date(start), zone)).toBe(day);
        expect(localDateOf(new Date(start - 1), zone) < day).toBe(true);
      }),
    );
  });
});

describe('fillWeeks and fillMonths', () => {
  it('adds the empty weeks between the first and the last, across a new year', () => {
    const filled = fillWeeks([
      { weekStart: '2027-01-04', created: 1, completed: 0 },
      { weekStart: '2026-12-21', created: 2, completed: 1 },
    ]);
    expect(filled).toEqual([
      { weekStart: '2026-12-21', created: 2, completed: 1 },
      { weekStart: '2026-12-28', created: 0, completed: 0 },
      { weekStart: '2027-01-04', created: 1, completed: 0 },
    ]);
    expect(fillWeeks([])).toEqual([]);
  });

  it('fills every month from the first to the last for each currency, by month then currency, across a new year', () => {
    const filled = fillMonths([
      { month: '2027-02', currency: 'JPY', booked: 5_000_000, collected: 0, refunded: 0 },
      { month: '2026-11', currency: 'USD', booked: 100_000, collected: 10_000, refunded: 0 },
    ]);
    expect(filled.map((m) => `${m.month} ${m.currency}`)).toEqual([
      '2026-11 JPY',
      '2026-11 USD',
      '2026-12 JPY',
      '2026-12 USD',
      '2027-01 JPY',
      '2027-01 USD',
      '2027-02 JPY',
      '2027-02 USD',
    ]);
    expect(filled[1]).toEqual({ month: '2026-11', currency: 'USD', booked: 100_000, collected: 10_000, refunded: 0 });
    expect(filled[2]).toEqual({ month: '2026-12', currency: 'JPY', booked: 0, collected: 0, refunded: 0 });
    expect(fillMonths([])).toEqual([]);
  });
});

describe('ageBucketOf', () => {
  it('puts 30 days in 0-30, 31 and 60 in 31-60, 61 and 90 in 61-90, 91 in 90+', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 400].map(ageBucketOf)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
  });
});

describe('bottleneckOf and originKey', () => {
  it('picks the longest median, the earliest stage on a tie, and none without spans', () => {
    const row = (stage: (typeof TIMED_STAGES)[number], medianDays: number | null) => ({ stage, spans: 1, medianDays, p90Days: medianDays });
    expect(bottleneckOf([row('purchased', 2), row('in_transit', 30), row('arrived', 30)])).toBe('in_transit');
    expect(bottleneckOf([row('purchased', null), row('arrived', 0)])).toBe('arrived');
    expect(bottleneckOf([row('purchased', null)])).toBeNull();
  });

  it('treats "Japan", " japan " and "JAPAN" as one origin', () => {
    expect(new Set(['Japan', ' japan ', 'JAPAN', 'japan\t'].map(originKey))).toEqual(new Set(['japan']));
  });
});

describe('forecastDeliveryMs', () => {
  const now = Date.parse('2026-06-10T12:00:00.000Z');
  const everyStage = (tenths: number, spans = 5): StageMedians['all'] =>
    Object.fromEntries(TIMED_STAGES.map((s) => [s, { tenths, spans }]));

  it('adds what is left of the current stage to every later stage median', () => {
    const medians: StageMedians = { all: everyStage(10), byOrigin: {} };
    const halfDayIn = new Date(now - DAY / 2).toISOString();
    // registered is the last timed stage: half of its one-day median is left.
    expect(forecastDeliveryMs({ stage: 'registered', stageAt: halfDayIn, nowMs: now, medians })).toEqual({
      ms: now + DAY / 2,
      usedOrigin: false,
    });
    // compliance_passed: half a day left, then registered's day.
    expect(forecastDeliveryMs({ stage: 'compliance_passed', stageAt: halfDayIn, nowMs: now, medians })?.ms).toBe(now + 1.5 * DAY);
    // pending without a date: all nine timed stages.
    expect(forecastDeliveryMs({ stage: 'pending', stageAt: null, nowMs: now, medians })?.ms).toBe(now + 9 * DAY);
  });

  it('counts nothing left (never less) of a stage already past its median', () => {
    const medians: StageMedians = { all: everyStage(10), byOrigin: {} };
    const longAgo = new Date(now - 30 * DAY).toISOString();
    expect(forecastDeliveryMs({ stage: 'registered', stageAt: longAgo, nowMs: now, medians })?.ms).toBe(now);
    expect(forecastDeliveryMs({ stage: 'arrived', stageAt: longAgo, nowMs: now, medians })?.ms).toBe(now + 3 * DAY);
  });

  it(`uses an origin's median only when ${ORIGIN_SPANS_NEEDED} spans back it`, () => {
    const at = new Date(now).toISOString();
    const thin: StageMedians = { all: everyStage(10), byOrigin: { registered: { tenths: 50, spans: ORIGIN_SPANS_NEEDED - 1 } } };
    expect(forecastDeliveryMs({ stage: 'registered', stageAt: at, nowMs: now, medians: thin })).toEqual({
      ms: now + DAY,
      usedOrigin: false,
    });
    const enough: StageMedians = { all: everyStage(10), byOrigin: { registered: { tenths: 50, spans: ORIGIN_SPANS_NEEDED } } };
    expect(forecastDeliveryMs({ stage: 'registered', stageAt: at, nowMs: now, medians: enough })).toEqual({
      ms: now + 5 * DAY,
      usedOrigin: true,
    });
  });

  it('is null for a delivered vehicle, and when a stage still to come has no history', () => {
    const { customs_cleared: _missing, ...rest } = everyStage(10);
    const medians: StageMedians = { all: rest, byOrigin: {} };
    const at = new Date(now).toISOString();
    expect(forecastDeliveryMs({ stage: 'arrived', stageAt: at, nowMs: now, medians })).toBeNull();
    expect(forecastDeliveryMs({ stage: 'compliance_passed', stageAt: at, nowMs: now, medians })).not.toBeNull();
    expect(forecastDeliveryMs({ stage: 'delivered', stageAt: at, nowMs: now, medians: { all: everyStage(10), byOrigin: {} } })).toBeNull();
  });
});

describe('scheduleStateOf', () => {
  const base = { today: '2026-06-10', forecastDate: null };
  it('is done once Completed or Cancelled, whatever the dates', () => {
    expect(scheduleStateOf({ ...base, status: 'Completed', targetDate: '2026-01-01' })).toBe('done');
    expect(scheduleStateOf({ ...base, status: 'Cancelled', targetDate: null })).toBe('done');
  });
  it('is no_target without a target, late after it, at_risk when the forecast passes it, else on_track', () => {
    expect(scheduleStateOf({ ...base, status: 'Draft', targetDate: null })).toBe('no_target');
    expect(scheduleStateOf({ ...base, status: 'Confirmed', targetDate: '2026-06-09' })).toBe('late');
    expect(scheduleStateOf({ ...base, status: 'Confirmed', targetDate: '2026-06-10' })).toBe('on_track');
    expect(scheduleStateOf({ status: 'In Progress', targetDate: '2026-06-20', today: '2026-06-10', forecastDate: '2026-06-21' })).toBe(
      'at_risk',
    );
    expect(scheduleStateOf({ status: 'In Progress', targetDate: '2026-06-20', today: '2026-06-10', forecastDate: '2026-06-20' })).toBe(
      'on_track',
    );
  });
});

describe('CSV export', () => {
  it('starts with a BOM, ends every row with CRLF and quotes only where needed', () => {
    const csv = toCsv(
      ['Name', 'Note'],
      [
        ['Aroha', 'plain'],
        ['Smith, Jo', 'said "hi"'],
        ['Line', 'one\r\ntwo'],
        ['Bare', 'lf\nonly'],
      ],
    );
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('Name,Note\r\nAroha,plain\r\n"Smith, Jo","said ""hi"""\r\nLine,"one\r\ntwo"\r\nBare,"lf\nonly"\r\n');
  });

  it('writes an empty table as the header alone', () => {
    expect(toCsv(['Week', 'Created'], [])).toBe(`${CSV_BOM}Week,Created\r\n`);
  });

  it('keeps formula-looking text as text with an apostrophe; numbers, negatives included, stay numbers', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
    ]);
    expect([-250, 0, 12.5, Number.NaN, null, undefined, true].map(csvCell)).toEqual(['-250', '0', '12.5', '', '', '', 'true']);
  });

  it('round-trips any text, unicode included, through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        (rows) => {
          const csv = toCsv(['a', 'b'], rows);
          const parsed = readCsv(csv.slice(CSV_BOM.length));
          const expected = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
          expect(parsed).toEqual([['a', 'b'], ...expected]);
        },
      ),
    );
  });
});

/** A strict RFC 4180 reader (CRLF records, quoted fields), to check what toCsv writes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          cell += text[i];
          i += 1;
        }
      }
    } else if (text[i] === ',') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      cell += text[i];
      i += 1;
    }
  }
  return rows;
}

describe('dashboardInput refusals', () => {
  function refusal(input: unknown): PortsideError {
    try {
      parseInput(dashboardInput, input);
    } catch (error) {
      if (error instanceof PortsideError) return error;
      throw error;
    }
    throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  }

  it('takes no filters at all, with the default staleDays', () => {
    expect(parseInput(dashboardInput, {})).toEqual({ staleDays: DEFAULT_STALE_DAYS });
    expect(parseInput(dashboardInput, { from: '', to: '', currency: '', staleDays: '' })).toEqual({ staleDays: DEFAULT_STALE_DAYS });
  });

  it('takes a one-day range and one of 3660 days', () => {
    expect(parseInput(dashboardInput, { from: '2026-05-01', to: '2026-05-01' })).toMatchObject({ from: '2026-05-01', to: '2026-05-01' });
    expect(parseInput(dashboardInput, { from: '2016-01-01', to: '2026-01-08' })).toMatchObject({ to: '2026-01-08' });
  });

  it('names from when it is after to, and says to swap them', () => {
    const error = refusal({ from: '2026-05-02', to: '2026-05-01' });
    expect(Object.keys(error.fields ?? {})).toEqual(['from']);
    expect(error.message).toMatch(/swap/);
  });

  it('names to for a range over 3660 days', () => {
    const error = refusal({ from: '2016-01-01', to: '2026-01-09' });
    expect(Object.keys(error.fields ?? {})).toEqual(['to']);
  });

  it('refuses a day that does not exist, naming it', () => {
    expect(Object.keys(refusal({ from: '2026-02-30' }).fields ?? {})).toEqual(['from']);
    expect(Object.keys(refusal({ to: '2026-13-01' }).fields ?? {})).toEqual(['to']);
    expect(Object.keys(refusal({ to: '30/01/2026' }).fields ?? {})).toEqual(['to']);
  });

  it('takes staleDays 1 to 365 written as plain digits, and refuses 0, 366, 1e2, 7.5 and -3', () => {
    expect(parseInput(dashboardInput, { staleDays: '1' }).staleDays).toBe(1);
    expect(parseInput(dashboardInput, { staleDays: '365' }).staleDays).toBe(365);
    for (const staleDays of ['0', '366', '1e2', '7.5', '-3', '014', 'ten', ' 7']) {
      const error = refusal({ staleDays });
      expect(Object.keys(error.fields ?? {}), staleDays).toEqual(['staleDays']);
      expect(error.message).toMatch(/1 to 365/);
    }
  });

  it('names only the refused day when the other one is fine (no range check against a refused day)', () => {
    expect(Object.keys(refusal({ from: '1899-12-31', to: '2026-06-01' }).fields ?? {})).toEqual(['from']);
    expect(Object.keys(refusal({ from: '2026-06-01', to: '01/03/2026' }).fields ?? {})).toEqual(['to']);
  });

  it('refuses spaces in an id, enum or date filter (only "" means not given), naming it', () => {
    for (const field of ['from', 'to', 'assigneeId', 'customerId', 'customerType', 'currency']) {
      expect(Object.keys(refusal({ [field]: '   ' }).fields ?? {}), field).toEqual([field]);
    }
    expect(parseInput(dashboardInput, { segment: '  ', origin: ' ', staleDays: ' ' })).toEqual({ staleDays: DEFAULT_STALE_DAYS });
  });

  it('refuses an unknown filter, naming it', () => {
    const error = refusal({ foo: 'bar' });
    expect(Object.keys(error.fields ?? {})).toEqual(['foo']);
  });

  it('refuses an unknown customer type and currency, naming each', () => {
    expect(Object.keys(refusal({ customerType: 'wholesale' }).fields ?? {})).toEqual(['customerType']);
    expect(Object.keys(refusal({ currency: 'usd' }).fields ?? {})).toEqual(['currency']);
  });
});
