import type pg from 'pg';

/**
 * The warehouse's waybill pool. A bench leases a handful of free numbers (so it can book while the warehouse is away)
 * and gives back what it did not use; a number is leased to one bench only, and a used one is never free again.
 */
export async function importPool(
  q: pg.Pool,
  carrier: string,
  numbers: string[],
): Promise<{ added: number; skipped: number }> {
  const r = await q.query(
    `INSERT INTO waybill_pool (carrier, waybill_no) SELECT $1, n FROM unnest($2::text[]) AS n ON CONFLICT DO NOTHING`,
    [carrier, numbers],
  );
  return { added: r.rowCount ?? 0, skipped: numbers.length - (r.rowCount ?? 0) };
}

/** Leases up to `n` free numbers to a bench, lowest first; two benches leasing at once never get the same number. */
export async function lease(q: pg.Pool, bench: string, carrier: string, n: number): Promise<string[]> {
  const r = await q.query<{ waybill_no: string }>(
    `UPDATE waybill_pool SET status = 'leased', leased_to = $2
     WHERE (carrier, waybill_no) IN (
       SELECT carrier, waybill_no FROM waybill_pool WHERE carrier = $1 AND status = 'free'
       ORDER BY waybill_no LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING waybill_no`,
    [carrier, bench, n],
  );
  return r.rows.map((x) => x.waybill_no).sort();
}

/** Numbers a bench leased and did not use go back to the pool. */
export async function giveBack(
  q: pg.Pool,
  bench: string,
  carrier: string,
  numbers: string[],
): Promise<number> {
  const r = await q.query(
    `UPDATE waybill_pool SET status = 'free', leased_to = NULL
     WHERE carrier = $1 AND leased_to = $2 AND status = 'leased' AND waybill_no = ANY($3)`,
    [carrier, bench, numbers],
  );
  return r.rowCount ?? 0;
}

export async function freeNumbers(q: pg.Pool, carrier: string): Promise<number> {
  const r = await q.query<{ n: string }>(
    "SELECT count(*) AS n FROM waybill_pool WHERE carrier = $1 AND status = 'free'",
    [carrier],
  );
  return Number(r.rows[0]!.n);
}
