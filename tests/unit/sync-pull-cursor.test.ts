// Pull cursors: where each shard's Query starts (the saved cursor's time less the overlap) and how the cursor moves after a page.
import { describe, expect, it } from 'vitest';
import {
  advanceCursor,
  DEFAULT_OVERLAP_MS,
  EMPTY_SHARD_CURSOR,
  feedTimeOf,
  OVERLAP_EVERY_MS,
  OverlapSchedule,
  queryStartFor,
} from '../../sync/pull';

const key = (time: string, pk = 'ORDER#0190c0de', sk = 'DETAILS'): string => `${time}#${pk}#${sk}`;

describe('the pull cursor', () => {
  it('reads the feed time at the head of a change-feed sort key', () => {
    expect(feedTimeOf(key('2026-11-30T08:15:00.000Z', 'VEHICLE#v1', 'STAGE#2026-11-29T10:00:00.000Z#e1'))).toBe('2026-11-30T08:15:00.000Z');
  });

  it('starts a shard with no cursor from the beginning of the feed (a first download)', () => {
    expect(queryStartFor(undefined, DEFAULT_OVERLAP_MS)).toBeNull();
  });

  it('starts two minutes before the saved cursor by default, so a pusher whose clock runs behind is not missed', () => {
    expect(DEFAULT_OVERLAP_MS).toBe(120_000);
    expect(queryStartFor(key('2026-11-30T08:15:00.000Z'), DEFAULT_OVERLAP_MS)).toBe('2026-11-30T08:13:00.000Z');
  });

  it('crosses midnight and the new year when subtracting the overlap', () => {
    expect(queryStartFor(key('2027-01-01T00:01:00.000Z'), DEFAULT_OVERLAP_MS)).toBe('2026-12-31T23:59:00.000Z');
  });

  it('reads every item at or after the start instant: its sort key compares greater than the bare time', () => {
    const start = queryStartFor(key('2026-11-30T08:15:00.000Z'), 60_000) ?? '';
    expect(key('2026-11-30T08:14:00.000Z') > start).toBe(true);
    expect(key('2026-11-30T08:13:59.999Z') > start).toBe(false);
  });

  it('starts over when the saved cursor holds no readable time (re-reading is safe, skipping is not)', () => {
    expect(queryStartFor('not-a-time#ORDER#x#DETAILS', DEFAULT_OVERLAP_MS)).toBeNull();
  });

  it('moves to the last key of a page, and never back behind the saved cursor when the overlap re-reads older keys', () => {
    const saved = key('2026-11-30T08:15:00.000Z');
    expect(advanceCursor(saved, key('2026-11-30T08:16:00.000Z'))).toBe(key('2026-11-30T08:16:00.000Z'));
    expect(advanceCursor(saved, key('2026-11-30T08:14:00.000Z'))).toBe(saved);
    expect(advanceCursor(saved, undefined)).toBe(saved);
    expect(advanceCursor(undefined, key('2026-11-30T08:14:00.000Z'))).toBe(key('2026-11-30T08:14:00.000Z'));
  });

  it('starts a shard read while it was empty from the beginning again, and moves it to the first key it then holds', () => {
    expect(queryStartFor(EMPTY_SHARD_CURSOR, DEFAULT_OVERLAP_MS)).toBeNull();
    expect(advanceCursor(EMPTY_SHARD_CURSOR, key('2026-11-30T08:14:00.000Z'))).toBe(key('2026-11-30T08:14:00.000Z'));
    expect(advanceCursor(EMPTY_SHARD_CURSOR, undefined)).toBe(EMPTY_SHARD_CURSOR);
  });

  it('re-reads the overlap window on the first pull and then at most every 30 s, reading only what is new in between', () => {
    const schedule = new OverlapSchedule();
    const start = 1_000_000;
    expect(schedule.next(start)).toBe(DEFAULT_OVERLAP_MS);
    expect(schedule.next(start + 500)).toBe(0);
    expect(schedule.next(start + OVERLAP_EVERY_MS - 1)).toBe(0);
    expect(schedule.next(start + OVERLAP_EVERY_MS)).toBe(DEFAULT_OVERLAP_MS);
    expect(schedule.next(start + OVERLAP_EVERY_MS + 500)).toBe(0);
  });
});
