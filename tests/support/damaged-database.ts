// Damages a copy of a database the way a failing disk or a bad copy would, page by page, for tests of what notices.
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Overwrites `count` leaf pages from the middle of one table or index (`btree`, as named in
 * sqlite_schema) with a byte pattern no page type uses, so SQLite's checks find them damaged.
 * Returns the page numbers overwritten.
 */
export function damageLeafPages(file: string, btree: string, count: number): number[] {
  const db = new Database(file, { readonly: true });
  let pageSize: number;
  let pages: number[];
  try {
    pageSize = Number(db.pragma('page_size', { simple: true }));
    pages = db
      .prepare<[string], { pageno: number }>(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`)
      .all(btree)
      .map((row) => row.pageno);
  } finally {
    db.close();
  }
  if (pages.length < count + 2) throw new Error(`${btree} has only ${pages.length} leaf pages; the test needs more data`);
  const middle = Math.floor((pages.length - count) / 2);
  const chosen = pages.slice(middle, middle + count);
  const fd = openSync(file, 'r+');
  try {
    for (const page of chosen) writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return chosen;
}
