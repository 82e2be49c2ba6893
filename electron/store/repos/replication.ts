import type { Database } from 'better-sqlite3';

/** A box event as the bench stored it, on its way up. */
export interface EventUp {
  sessionId: string;
  seq: number;
  type: string;
  payload: string;
  at: string;
  packer: string | null;
}

export interface MismatchUp {
  sessionId: string;
  seq: number;
  type: string;
  orderNo: string;
  sku: string | null;
  code: string | null;
  expected: string | null;
  actual: string | null;
  packer: string | null;
  at: string;
}

/** What the bench has written that the warehouse has not confirmed yet, read in the order it was written. */
export class ReplicationRepo {
  constructor(private readonly db: Database) {}

  eventsAfter(rowid: number, limit: number): (EventUp & { rowid: number })[] {
    return this.db
      .prepare(
        'SELECT rowid, session_id AS sessionId, seq, type, payload, at, packer FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?',
      )
      .all(rowid, limit) as (EventUp & { rowid: number })[];
  }

  mismatchesAfter(id: number, limit: number): (MismatchUp & { id: number })[] {
    return this.db
      .prepare(
        `SELECT id, session_id AS sessionId, seq, type, order_no AS orderNo, sku, code, expected, actual, packer, at
         FROM mismatches WHERE id > ? ORDER BY id LIMIT ?`,
      )
      .all(id, limit) as (MismatchUp & { id: number })[];
  }

  /** Messages for the shop's systems (ship notices) written after the cursor: in a warehouse they run as its jobs. */
  outboxAfter(
    id: number,
    limit: number,
  ): { id: number; kind: string; idempotency_key: string; payload: string }[] {
    return this.db
      .prepare('SELECT id, kind, idempotency_key, payload FROM outbox WHERE id > ? ORDER BY id LIMIT ?')
      .all(id, limit) as { id: number; kind: string; idempotency_key: string; payload: string }[];
  }

  /** Events written after the cursor: the bench's replication lag. */
  eventsWaiting(rowid: number): number {
    return this.db.prepare('SELECT count(*) FROM events WHERE rowid > ?').pluck().get(rowid) as number;
  }
}
