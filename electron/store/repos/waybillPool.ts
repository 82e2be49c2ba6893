import type { Database } from 'better-sqlite3';

/**
 * Waybill numbers a carrier issued in advance. Allocation is one atomic UPDATE … RETURNING keyed by the idempotency
 * key, so two processes never get the same number and the same key always gets the same number.
 */
export class WaybillPoolRepo {
  constructor(private readonly db: Database) {}

  /** The number bound to this key: the one it already has, else the lowest free one. */
  allocate(carrier: string, key: string, at: string): string | undefined {
    const existing = () => this.boundTo(carrier, key);
    try {
      const taken = this.db
        .prepare(
          `UPDATE waybill_pool SET status = 'used', used_by = @key, used_at = @at
           WHERE rowid = (SELECT rowid FROM waybill_pool WHERE carrier = @carrier AND status = 'free' ORDER BY waybill_no LIMIT 1)
             AND NOT EXISTS (SELECT 1 FROM waybill_pool WHERE carrier = @carrier AND used_by = @key)
           RETURNING waybill_no`,
        )
        .pluck()
        .get({ key, at, carrier }) as string | undefined;
      return taken ?? existing();
    } catch (err) {
      if (/UNIQUE constraint failed: waybill_pool/.test((err as Error).message)) return existing();
      throw err;
    }
  }

  /** The number a key already holds, if any. */
  boundTo(carrier: string, key: string): string | undefined {
    return this.db
      .prepare('SELECT waybill_no FROM waybill_pool WHERE carrier = ? AND used_by = ?')
      .pluck()
      .get(carrier, key) as string | undefined;
  }

  isUsed(carrier: string, waybillNo: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM waybill_pool WHERE carrier = ? AND waybill_no = ? AND status = 'used'")
        .get(carrier, waybillNo) !== undefined
    );
  }

  free(carrier: string): number {
    return this.db
      .prepare("SELECT count(*) FROM waybill_pool WHERE carrier = ? AND status = 'free'")
      .pluck()
      .get(carrier) as number;
  }

  /** Removes and returns the numbers not used yet (a warehouse bench gives its lease back). */
  takeFree(carrier: string): string[] {
    return this.db.transaction(() => {
      const free = this.db
        .prepare(
          "SELECT waybill_no FROM waybill_pool WHERE carrier = ? AND status = 'free' ORDER BY waybill_no",
        )
        .pluck()
        .all(carrier) as string[];
      this.db.prepare("DELETE FROM waybill_pool WHERE carrier = ? AND status = 'free'").run(carrier);
      return free;
    })();
  }

  /** Known numbers are skipped. */
  add(carrier: string, numbers: string[], at: string): { added: number; skipped: number } {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO waybill_pool (carrier, waybill_no, status, imported_at) VALUES (?, ?, 'free', ?)",
    );
    let added = 0;
    this.db.transaction(() => {
      for (const n of numbers) added += insert.run(carrier, n, at).changes;
    })();
    return { added, skipped: numbers.length - added };
  }
}
