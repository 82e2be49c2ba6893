import type { Database } from 'better-sqlite3';

export interface AuditRow {
  id: number;
  at: string;
  who: string;
  action: string;
  detail: unknown;
}

/** Changes made at the bench outside packing (the devices set up on screen), who made them and what they replaced. */
export class AuditRepo {
  constructor(private readonly db: Database) {}

  add(row: { at: string; who: string; action: string; detail: unknown }): void {
    this.db
      .prepare('INSERT INTO audit (at, who, action, detail) VALUES (?, ?, ?, ?)')
      .run(row.at, row.who, row.action, JSON.stringify(row.detail));
  }

  list(limit = 50): AuditRow[] {
    return (
      this.db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit) as (Omit<
        AuditRow,
        'detail'
      > & {
        detail: string;
      })[]
    ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
  }
}
