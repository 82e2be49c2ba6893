import type pg from 'pg';
import type { MismatchFilter, MismatchRow, StoredEvent } from '../repos';

/** The lead's review over every bench: the page's filters, newest first, the total counted apart. */
export async function mismatchRows(
  q: pg.Pool,
  f: MismatchFilter,
): Promise<{ total: number | null; rows: MismatchRow[] }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  // Days are UTC days, as the bench's own review counts them.
  if (f.from) add("at >= (?::date)::timestamp AT TIME ZONE 'UTC'", f.from);
  if (f.to) add("at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'", f.to);
  if (f.packer) add('packer = ?', f.packer);
  if (f.sku) add('sku = ?', f.sku);
  if (f.type) add('type = ?', f.type);
  if (f.station) add('bench_id = ?', f.station);
  if (f.resolved !== undefined) where.push(f.resolved ? 'resolution IS NOT NULL' : 'resolution IS NULL');
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Keyset: the rows past the cursor in (at, id) order, read from the index; never OFFSET.
  const cursor = f.after ?? f.before;
  const reversed = !f.after && !!f.before;
  const pageWhere = [...where];
  const pageArgs = [...args];
  if (cursor) {
    pageArgs.push(cursor.at, cursor.id);
    pageWhere.push(
      `(at, id) ${f.after ? '<' : '>'} ($${pageArgs.length - 1}::timestamptz, $${pageArgs.length}::bigint)`,
    );
  }
  const order = reversed ? 'ASC' : 'DESC';
  const r = await q.query<
    Omit<MismatchRow, 'id' | 'at' | 'resolved_at'> & {
      id: string;
      at: Date;
      resolved_at: Date | null;
      bench_id: string;
    }
  >(
    `SELECT * FROM mismatches ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
     ORDER BY at ${order}, id ${order} LIMIT $${pageArgs.length + 1}`,
    [...pageArgs, f.limit],
  );
  if (reversed) r.rows.reverse();
  // Counted apart: a window count over the page's query would read every row to return fifty. Filters by day, bench
  // and type are summed from the per-day counts; packer, SKU and resolution count their rows through an index.
  const byDays = !f.packer && !f.sku && f.resolved === undefined;
  const total =
    f.count === false
      ? null
      : byDays
        ? await q.query<{ n: string }>(
            `SELECT coalesce(sum(n), 0) AS n FROM mismatch_days
         WHERE ($1::date IS NULL OR day >= $1::date) AND ($2::date IS NULL OR day <= $2::date)
           AND ($3::text IS NULL OR bench_id = $3) AND ($4::text IS NULL OR type = $4)`,
            [f.from ?? null, f.to ?? null, f.station ?? null, f.type ?? null],
          )
        : await q.query<{ n: string }>(`SELECT count(*) AS n FROM mismatches ${filter}`, args);
  return {
    total: total === null ? null : Number(total.rows[0]?.n ?? 0),
    rows: r.rows.map(({ bench_id, ...m }) => ({
      ...m,
      id: Number(m.id),
      station_id: bench_id,
      at: m.at.toISOString(),
      resolved_at: m.resolved_at?.toISOString() ?? null,
    })),
  };
}

export async function resolveMismatch(
  q: pg.Pool,
  id: number,
  resolution: string,
  by: string,
): Promise<boolean> {
  const r = await q.query(
    'UPDATE mismatches SET resolution = $2, resolved_by = $3, resolved_at = now() WHERE id = $1',
    [id, resolution, by],
  );
  return r.rowCount === 1;
}

/** The lead's charts over every bench. */
export async function mismatchStats(q: pg.Pool, from?: string, to?: string) {
  const lo = from ?? '1970-01-01';
  const hi = to ?? '9999-12-31';
  const range =
    "at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'";
  const [perPackerDay, topSkus, weightDeviation] = await Promise.all([
    q.query<{ day: string; packer: string; count: number }>(
      `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(packer, '-') AS packer, count(*)::int AS count
       FROM mismatches WHERE ${range} GROUP BY 1, 2 ORDER BY 1`,
      [lo, hi],
    ),
    q.query<{ sku: string; count: number }>(
      `SELECT sku, count(*)::int AS count FROM mismatches WHERE sku IS NOT NULL AND ${range}
       GROUP BY sku ORDER BY count DESC LIMIT 10`,
      [lo, hi],
    ),
    q.query<{ bucketG: number; count: number }>(
      `SELECT (round((payload->'check'->>'differenceG')::numeric / 20) * 20)::int AS "bucketG", count(*)::int AS count
       FROM events WHERE type = 'box.weighed' AND ${range} GROUP BY 1 ORDER BY 1`,
      [lo, hi],
    ),
  ]);
  return { perPackerDay: perPackerDay.rows, topSkus: topSkus.rows, weightDeviation: weightDeviation.rows };
}

/** One box's events, whichever bench packed it (the lead's timeline). */
export async function sessionEvents(q: pg.Pool, sessionId: string): Promise<StoredEvent[]> {
  const r = await q.query<{
    session_id: string;
    seq: number;
    type: string;
    payload: unknown;
    at: Date;
    packer: string | null;
    bench_id: string;
  }>(
    'SELECT session_id, seq, type, payload, at, packer, bench_id FROM events WHERE session_id = $1 ORDER BY seq',
    [sessionId],
  );
  return r.rows.map((e) => ({
    sessionId: e.session_id,
    seq: e.seq,
    type: e.type,
    payload: e.payload,
    at: e.at.toISOString(),
    packer: e.packer,
    stationId: e.bench_id,
  }));
}
