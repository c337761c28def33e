// Dates for display and for date inputs: ISO instants and calendar dates from the API, shown in the user's time zone.
import { format, formatDistanceToNowStrict, isValid, parseISO } from 'date-fns';

const NONE = '—';

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = parseISO(value);
  return isValid(date) ? date : null;
}

/** "12 Mar 2026" (calendar dates such as "2026-03-12" stay on their day). */
export function formatDate(value: string | null | undefined): string {
  const date = parse(value);
  return date ? format(date, 'd MMM yyyy') : NONE;
}

/** "12 Mar 2026, 14:05" */
export function formatDateTime(value: string | null | undefined): string {
  const date = parse(value);
  return date ? format(date, 'd MMM yyyy, HH:mm') : NONE;
}

/** "3 days ago" / "in 2 months" */
export function formatRelative(value: string | null | undefined): string {
  const date = parse(value);
  return date ? formatDistanceToNowStrict(date, { addSuffix: true }) : '';
}

/** Today as a date input value ("2026-03-12"), in local time. */
export function todayInputValue(): string {
  return format(new Date(), 'yyyy-MM-dd');
}

/** The local calendar day of an instant as a date input value, or undefined. */
export function instantToInputDay(value: string | null | undefined): string | undefined {
  const date = parse(value);
  return date ? format(date, 'yyyy-MM-dd') : undefined;
}

/**
 * A date picked in a form as the instant the API stores. Today means "now" (undefined lets the
 * server use its clock, so it is never in the future); an earlier day means midday local time.
 */
export function pickedDayToInstant(day: string): string | undefined {
  if (!day || day === todayInputValue()) return undefined;
  const date = parseISO(`${day}T12:00:00`);
  return isValid(date) ? date.toISOString() : undefined;
}

/** True when a calendar date ("2026-03-12") is before today. */
export function isPastDay(value: string | null | undefined): boolean {
  return !!value && value.slice(0, 10) < todayInputValue();
}
