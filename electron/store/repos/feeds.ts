import type { Database } from 'better-sqlite3';

/** Each order feed's cursor: the page its next pull asks for. */
export class FeedsRepo {
  constructor(private readonly db: Database) {}

  cursor(name: string): string | null {
    return (
      (this.db.prepare('SELECT cursor FROM feed_cursors WHERE name = ?').pluck().get(name) as
        string | null | undefined) ?? null
    );
  }

  setCursor(name: string, cursor: string | null, at: string): void {
    this.db
      .prepare(
        `INSERT INTO feed_cursors (name, cursor, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(name, cursor, at);
  }
}
