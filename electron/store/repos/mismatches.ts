import type { Database } from 'better-sqlite3';

export interface MismatchRow {
  id: number;
  session_id: string;
  seq: number;
  type: string;
  order_no: string;
  sku: string | null;
  code: string | null;
  expected: string | null;
  actual: string | null;
  packer: string | null;
  station_id: string;
  at: string;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface MismatchFilter {
  from?: string;
  to?: string;
  packer?: string;
  sku?: string;
  type?: string;
  station?: string;
  resolved?: boolean;
  limit: number;
  offset: number;
}

export class MismatchesRepo {
  private writes = 0;

  constructor(private readonly db: Database) {}

  /** Changes whenever this process writes or resolves a mismatch: the review reloads on it, not on every scan. */
  get version(): number {
    return this.writes;
  }

  add(
    row: Omit<MismatchRow, 'id' | 'resolution' | 'resolved_by' | 'resolved_at'> & {
      resolution?: string | null;
      resolved_by?: string | null;
    },
  ): void {
    this.db
      .prepare(
        `INSERT INTO mismatches (session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id, at, resolution, resolved_by, resolved_at)
         VALUES (@session_id, @seq, @type, @order_no, @sku, @code, @expected, @actual, @packer, @station_id, @at, @resolution, @resolved_by, @resolved_at)`,
      )
      .run({ resolution: null, resolved_by: null, ...row, resolved_at: row.resolution ? row.at : null });
    this.writes++;
  }

  /** The WHERE clause of the review's filters, and its named arguments. */
  private whereOf(f: Omit<MismatchFilter, 'limit' | 'offset'>): {
    clause: string;
    args: Record<string, unknown>;
  } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    const add = (clause: string, name: string, value: unknown) => {
      if (value === undefined || value === '') return;
      where.push(clause);
      args[name] = value;
    };
    add('at >= @from', 'from', f.from);
    // A bare date as `to` includes that whole day.
    add('at < @to', 'to', f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? nextDay(f.to) : f.to);
    add('packer = @packer', 'packer', f.packer);
    add('sku = @sku', 'sku', f.sku);
    add('type = @type', 'type', f.type);
    add('station_id = @station', 'station', f.station);
    if (f.resolved !== undefined) where.push(f.resolved ? 'resolution IS NOT NULL' : 'resolution IS NULL');
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
  }

  /**
   * Every row the filter selects, newest first, read as they are used: one statement stepped through (no OFFSET, no
   * count), so an export of a year holds one row at a time.
   */
  each(f: Omit<MismatchFilter, 'limit' | 'offset'>): IterableIterator<MismatchRow> {
    const { clause, args } = this.whereOf(f);
    return this.db
      .prepare(`SELECT * FROM mismatches ${clause} ORDER BY at DESC, id DESC`)
      .iterate(args) as IterableIterator<MismatchRow>;
  }

  list(f: MismatchFilter): { total: number; rows: MismatchRow[] } {
    const { clause, args } = this.whereOf(f);
    const total = this.db.prepare(`SELECT count(*) FROM mismatches ${clause}`).pluck().get(args) as number;
    const rows = this.db
      .prepare(`SELECT * FROM mismatches ${clause} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: f.limit, offset: f.offset }) as MismatchRow[];
    return { total, rows };
  }

  resolve(id: number, resolution: string, by: string, at: string): boolean {
    const done =
      this.db
        .prepare('UPDATE mismatches SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?')
        .run(resolution, by, at, id).changes === 1;
    if (done) this.writes++;
    return done;
  }

  /** The lead's charts: mismatches per packer and day, the top SKUs, and how far weighed boxes were off. */
  stats(from?: string, to?: string) {
    const lo = from ?? '0000';
    const hi = to ? `${to}~` : '9999';
    return {
      perPackerDay: this.db
        .prepare(
          "SELECT substr(at, 1, 10) AS day, coalesce(packer, '-') AS packer, count(*) AS count FROM mismatches WHERE at >= ? AND at <= ? GROUP BY day, packer ORDER BY day",
        )
        .all(lo, hi) as { day: string; packer: string; count: number }[],
      topSkus: this.db
        .prepare(
          'SELECT sku, count(*) AS count FROM mismatches WHERE sku IS NOT NULL AND at >= ? AND at <= ? GROUP BY sku ORDER BY count DESC LIMIT 10',
        )
        .all(lo, hi) as { sku: string; count: number }[],
      weightDeviation: this.db
        .prepare(
          "SELECT CAST(round(json_extract(payload, '$.check.differenceG') / 20.0) * 20 AS INTEGER) AS bucketG, count(*) AS count FROM events WHERE type = 'box.weighed' AND at >= ? AND at <= ? GROUP BY bucketG ORDER BY bucketG",
        )
        .all(lo, hi) as { bucketG: number; count: number }[],
    };
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
