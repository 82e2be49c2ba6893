import type { Database } from 'better-sqlite3';

/** Small bench facts kept across restarts (who is logged in, …), as JSON under a key. */
export class SettingsRepo {
  constructor(private readonly db: Database) {}

  get<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as
      string | undefined;
    return row === undefined ? null : (JSON.parse(row) as T);
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }
}
