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

/** What the lead filters the log by. */
export interface MismatchQuery {
  from?: string;
  to?: string;
  packer?: string;
  sku?: string;
  type?: string;
  station?: string;
  resolved?: boolean;
}

/** A row's place in the newest-first order: pages are read from one (keyset), never counted off with OFFSET. */
export interface MismatchCursor {
  at: string;
  id: number;
}

/**
 * One page: `after` the last row of the page before (older rows), or `before` the first row of the page after (newer
 * rows); neither is the first page. `count: false` skips the total (a page turn keeps the total it had).
 */
export interface MismatchFilter extends MismatchQuery {
  limit: number;
  after?: MismatchCursor;
  before?: MismatchCursor;
  count?: boolean;
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
  private whereOf(f: MismatchQuery): {
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
   * The total of a filter the per-day counts answer (whole days, type, packer, SKU, resolved or still open): a few rows
   * a day summed instead of the matching rows counted. Null for a filter they cannot answer (bench, times within a day).
   */
  private dayCount(f: MismatchQuery): number | null {
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (f.station) return null;
    if ((f.from && !day.test(f.from)) || (f.to && !day.test(f.to))) return null;
    const where = ['day >= @from', 'day <= @to'];
    const args: Record<string, unknown> = { from: f.from || '0000', to: f.to || '9999' };
    for (const k of ['type', 'packer', 'sku'] as const)
      if (f[k]) {
        where.push(`${k} = @${k}`);
        args[k] = f[k];
      }
    return this.db
      .prepare(
        `SELECT coalesce(sum(${f.resolved === undefined ? 'n' : f.resolved ? 'n - open' : 'open'}), 0) FROM mismatch_days WHERE ${where.join(' AND ')}`,
      )
      .pluck()
      .get(args) as number;
  }

  /** The plans SQLite makes for the review's queries with this filter (its tests check each uses an index). */
  plans(f: MismatchQuery & Pick<MismatchFilter, 'after' | 'before'>): string[] {
    const { clause, args } = this.whereOf(f);
    const plan = (sql: string, a: Record<string, unknown>) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(a) as { detail: string }[]).map((r) => r.detail);
    const page = this.pageOf({ ...f, limit: 25 });
    return [
      ...plan(page.sql, page.args),
      ...(this.dayCount(f) === null ? plan(`SELECT count(*) FROM mismatches ${clause}`, args) : []),
    ];
  }

  /** The page's statement: the filter, then the rows older than `after` (or newer than `before`), in index order. */
  private pageOf(f: MismatchFilter): { sql: string; args: Record<string, unknown>; reversed: boolean } {
    const { clause, args } = this.whereOf(f);
    const cursor = f.after ?? f.before;
    const keyset = cursor ? `(at, id) ${f.after ? '<' : '>'} (@cursorAt, @cursorId)` : '';
    const where = [clause.replace(/^WHERE /, ''), keyset].filter(Boolean).join(' AND ');
    const reversed = !f.after && !!f.before;
    return {
      sql: `SELECT * FROM mismatches ${where ? `WHERE ${where}` : ''} ORDER BY at ${reversed ? 'ASC' : 'DESC'}, id ${reversed ? 'ASC' : 'DESC'} LIMIT @limit`,
      args: { ...args, limit: f.limit, ...(cursor ? { cursorAt: cursor.at, cursorId: cursor.id } : {}) },
      reversed,
    };
  }

  /**
   * Every row the filter selects, newest first, read as they are used: one statement stepped through (no OFFSET, no
   * count), so an export of a year holds one row at a time.
   */
  each(f: MismatchQuery): IterableIterator<MismatchRow> {
    const { clause, args } = this.whereOf(f);
    return this.db
      .prepare(`SELECT * FROM mismatches ${clause} ORDER BY at DESC, id DESC`)
      .iterate(args) as IterableIterator<MismatchRow>;
  }

  /** One page, newest first; the total only when asked (`count`, default true). */
  list(f: MismatchFilter): { total: number | null; rows: MismatchRow[] } {
    const { clause, args } = this.whereOf(f);
    const total =
      f.count === false
        ? null
        : (this.dayCount(f) ??
          (this.db.prepare(`SELECT count(*) FROM mismatches ${clause}`).pluck().get(args) as number));
    const page = this.pageOf(f);
    const rows = this.db.prepare(page.sql).all(page.args) as MismatchRow[];
    return { total, rows: page.reversed ? rows.reverse() : rows };
  }

  resolve(id: number, resolution: string, by: string, at: string): boolean {
    const done =
      this.db
        .prepare('UPDATE mismatches SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?')
        .run(resolution, by, at, id).changes === 1;
    if (done) this.writes++;
    return done;
  }

  /** A weighed box in the charts' per-day deviation count (in the transaction that records the weighing). */
  countWeight(at: string, differenceG: number | null): void {
    if (differenceG === null) return;
    this.db
      .prepare(
        `INSERT INTO weight_days (day, bucket_g, n) VALUES (substr(?, 1, 10), CAST(round(? / 20.0) * 20 AS INTEGER), 1)
         ON CONFLICT (day, bucket_g) DO UPDATE SET n = n + 1`,
      )
      .run(at, differenceG);
  }

  /**
   * The lead's charts: mismatches per packer and day, the top SKUs, and how far weighed boxes were off — read from the
   * per-day counts (a few rows a day), never from a year of rows.
   */
  stats(from?: string, to?: string) {
    const lo = from ? from.slice(0, 10) : '0000';
    const hi = to ? `${to.slice(0, 10)}~` : '9999';
    return {
      perPackerDay: this.db
        .prepare(
          'SELECT day, packer, sum(n) AS count FROM mismatch_days WHERE day >= ? AND day <= ? GROUP BY day, packer ORDER BY day',
        )
        .all(lo, hi) as { day: string; packer: string; count: number }[],
      topSkus: this.db
        .prepare(
          "SELECT sku, sum(n) AS count FROM mismatch_days WHERE sku <> '' AND day >= ? AND day <= ? GROUP BY sku ORDER BY count DESC, sku LIMIT 10",
        )
        .all(lo, hi) as { sku: string; count: number }[],
      weightDeviation: this.db
        .prepare(
          'SELECT bucket_g AS bucketG, sum(n) AS count FROM weight_days WHERE day >= ? AND day <= ? GROUP BY bucket_g ORDER BY bucket_g',
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
