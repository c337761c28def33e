// Who did it: records keep the acting user's id (`createdBy`, `updatedBy`, `recordedBy`, ...); names are resolved for display.

/**
 * The id records carry when Portside itself acted (automatic status rules, demo seeding,
 * sign-in lockouts). Stable on every device, so it travels with synced records like a user id.
 */
export const SYSTEM_USER_ID = 'system';
/** How the system actor is shown. */
export const SYSTEM_USER_NAME = 'Portside';

/** The display names beside a record's `createdBy` / `updatedBy` ids, as API responses carry them. */
export interface AuthorNames {
  createdByName: string;
  updatedByName: string;
}

/** A record as the API shows it: its author ids kept, their display names beside them. */
export type WithAuthorNames<T> = T & AuthorNames;

/**
 * What is shown for an id no directory entry names yet: a device that pulled a record before
 * any audit entry of its author. Readable, and it says it is an id so nobody takes it for a name.
 */
export function unknownUserName(id: string): string {
  return `Unknown user (${id.length > 13 ? `${id.slice(0, 8)}…` : id})`;
}

/** Looks up display names: every id gets one, known or not. */
export interface PeopleNames {
  nameOf(id: string): string;
}

/** The record with its authors' display names beside their ids. */
export function withAuthorNames<T extends { createdBy: string; updatedBy: string }>(record: T, names: PeopleNames): WithAuthorNames<T> {
  return { ...record, createdByName: names.nameOf(record.createdBy), updatedByName: names.nameOf(record.updatedBy) };
}

/** Every author id of these records, for one directory lookup. */
export function authorIdsOf(records: readonly { createdBy: string; updatedBy: string }[]): string[] {
  return records.flatMap((r) => [r.createdBy, r.updatedBy]);
}
