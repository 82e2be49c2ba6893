import type { Database } from 'better-sqlite3';

export interface OutboxRow {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string;
  attempts: number;
}

/** Messages to the shop's systems (ship notices), kept until a 2xx says they arrived. */
export class OutboxRepo {
  constructor(private readonly db: Database) {}

  /** One message per key: the same key again is the same message (a replayed close never notifies twice). */
  add(kind: string, key: string, payload: unknown, at: string): void {
    this.db
      .prepare(
        "INSERT INTO outbox (kind, idempotency_key, payload, status, next_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)",
      )
      .run(kind, key, JSON.stringify(payload), at, at);
  }

  due(now: string, limit = 20): OutboxRow[] {
    return this.db
      .prepare(
        "SELECT id, kind, idempotency_key, payload, attempts FROM outbox WHERE status = 'pending' AND next_at <= ? ORDER BY id LIMIT ?",
      )
      .all(now, limit) as OutboxRow[];
  }

  delivered(id: number, at: string): void {
    this.db
      .prepare(
        "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?",
      )
      .run(at, id);
  }

  failed(id: number, error: string, nextAt: string): void {
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ?')
      .run(error, nextAt, id);
  }
}
