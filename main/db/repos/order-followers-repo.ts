// SQL for who follows an order (synced rows with a version and a following flag).
import type { Db } from '../database';

export interface FollowerRecord {
  orderId: string;
  userId: string;
  following: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

interface FollowerRow {
  order_id: string;
  user_id: string;
  following: number;
  version: number;
  updated_at: string;
  updated_by: string;
}

export function fromFollowerRecord(f: FollowerRecord): FollowerRow {
  return {
    order_id: f.orderId,
    user_id: f.userId,
    following: f.following ? 1 : 0,
    version: f.version,
    updated_at: f.updatedAt,
    updated_by: f.updatedBy,
  };
}

function toFollowerRecord(r: FollowerRow): FollowerRecord {
  return {
    orderId: r.order_id,
    userId: r.user_id,
    following: r.following === 1,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export const FOLLOWER_COLUMNS = ['order_id', 'user_id', 'following', 'version', 'updated_at', 'updated_by'] as const;

export class OrderFollowersRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly followersStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], FollowerRow>(
      `SELECT ${FOLLOWER_COLUMNS.join(', ')} FROM order_followers WHERE order_id = ? AND user_id = ?`,
    );
    this.putStmt = db.prepare<FollowerRow>(
      `INSERT INTO order_followers (${FOLLOWER_COLUMNS.join(', ')}) VALUES (${FOLLOWER_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT(order_id, user_id) DO UPDATE SET following=excluded.following, version=excluded.version,
         updated_at=excluded.updated_at, updated_by=excluded.updated_by`,
    );
    this.followersStmt = db.prepare<[string], { user_id: string }>(
      `SELECT user_id FROM order_followers WHERE order_id = ? AND following = 1 ORDER BY user_id`,
    );
    this.countStmt = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM order_followers WHERE order_id = ? AND following = 1`);
  }

  get(orderId: string, userId: string): FollowerRecord | null {
    const row = this.getStmt.get(orderId, userId);
    return row ? toFollowerRecord(row) : null;
  }

  /** Inserts or overwrites the row (the caller stepped its version). */
  put(record: FollowerRecord): void {
    this.putStmt.run(fromFollowerRecord(record));
  }

  /** The ids of everyone following the order. */
  followers(orderId: string): string[] {
    return this.followersStmt.all(orderId).map((r) => r.user_id);
  }

  count(orderId: string): number {
    return this.countStmt.get(orderId)?.n ?? 0;
  }

  isFollowing(orderId: string, userId: string): boolean {
    return this.get(orderId, userId)?.following ?? false;
  }
}
