// SQL for the people directory (migration 010): the display names of the user ids records carry.
import { type PeopleNames, unknownUserName } from '../../../core/domain/people';
import type { Db } from '../database';

export class PeopleRepo {
  private readonly namesStmt;

  constructor(db: Db) {
    // One statement for any number of ids: a page of 200 vehicles costs one lookup, not 200.
    this.namesStmt = db.prepare<[string], { id: string; display_name: string }>(
      `SELECT id, display_name FROM people WHERE id IN (SELECT value FROM json_each(?))`,
    );
  }

  /** The names of `ids` (duplicates welcome), with a readable stand-in for ids nobody has named yet. */
  names(ids: Iterable<string | null>): PeopleNames {
    const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
    const found = new Map<string, string>();
    if (wanted.length > 0) {
      for (const row of this.namesStmt.all(JSON.stringify(wanted))) found.set(row.id, row.display_name);
    }
    return { nameOf: (id) => found.get(id) ?? unknownUserName(id) };
  }

  /** One id's name (a conflict message, a single record). */
  nameOf(id: string): string {
    return this.names([id]).nameOf(id);
  }
}
