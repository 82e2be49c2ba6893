import type pg from 'pg';
import type { Wave } from '../repos';

export type SingleClaim =
  | { result: 'claimed'; orderNo: string; sku: string }
  /** The item is known, and no single-item order of it waits in the wave (or it is a case of several units). */
  | { result: 'no-order'; sku: string; name: string }
  | { result: 'unknown' };

/** Benches raced for the same order after this one's snapshot: it tries again (a new snapshot sees their claims). */
const RACES = 50;

/**
 * Item-first in a warehouse: one statement picks the earliest single-item order of the scanned item's SKU that no bench
 * holds and claims it for this bench. The pick locks its row and skips rows another bench has locked (`FOR UPDATE SKIP
 * LOCKED`), so two benches scanning the same SKU at the same instant get two different orders; the claim's unique key
 * catches the rarer race where one committed between the other's snapshot and its lock.
 */
export async function claimSingle(
  pool: pg.Pool,
  codes: string[],
  bench: string,
  packer: string | null,
  wave: Wave,
  now: string,
): Promise<SingleClaim> {
  let item = { sku: '', name: '' };
  for (let attempt = 0; attempt < RACES; attempt++) {
    const r = await pool.query<{
      sku: string | null;
      name: string | null;
      qty: number | null;
      picked: string | null;
      claimed: string | null;
    }>(
      `WITH item AS (
         SELECT b.sku, p.name, b.qty, 1 AS rank FROM barcodes b JOIN products p ON p.sku = b.sku WHERE b.code = ANY($1)
         UNION ALL SELECT sku, name, 1, 2 FROM products WHERE sku = $1[1]
         ORDER BY rank LIMIT 1
       ), pick AS (
         SELECT o.id, o.order_no FROM orders o JOIN item ON o.single_sku = item.sku AND item.qty = 1
         WHERE o.status = 'released' AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.order_id = o.id)
           AND ($2::text IS NULL OR o.shop = $2) AND ($3::text IS NULL OR o.platform = $3)
           AND ($4::text IS NULL OR o.carrier_required = $4)
           AND ($5::text IS NULL OR o.tote = $5 OR o.pick_list = $5)
         ORDER BY o.ordered_at NULLS FIRST, (o.ship_by IS NOT NULL AND o.ship_by <= $6) DESC, o.id
         LIMIT 1 FOR UPDATE OF o SKIP LOCKED
       ), won AS (
         INSERT INTO claims (order_id, bench_id, packer) SELECT id, $7, $8 FROM pick
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id
       )
       SELECT item.sku, item.name, item.qty, (SELECT order_no FROM pick) AS picked,
              (SELECT order_no FROM pick WHERE id IN (SELECT order_id FROM won)) AS claimed
       FROM (SELECT 1) AS one LEFT JOIN item ON true`,
      [
        codes,
        wave.shop ?? null,
        wave.platform ?? null,
        wave.carrier ?? null,
        wave.scope ?? null,
        now,
        bench,
        packer,
      ],
    );
    const row = r.rows[0]!;
    if (!row.sku) return { result: 'unknown' };
    item = { sku: row.sku, name: row.name ?? row.sku };
    if (row.claimed) return { result: 'claimed', orderNo: row.claimed, sku: row.sku };
    if (!row.picked) return { result: 'no-order', ...item };
  }
  // Lost every race: as many benches as tries took this SKU's orders at this instant; the packer scans again.
  return { result: 'no-order', ...item };
}

/** Whether a pick list or tote has single-item orders waiting: then, item-first, it names a wave. */
export async function waveHasSingles(pool: pg.Pool, code: string): Promise<boolean> {
  const r = await pool.query(
    `SELECT 1 FROM orders WHERE (tote = $1 OR pick_list = $1) AND single_sku IS NOT NULL AND status = 'released'
     LIMIT 1`,
    [code],
  );
  return (r.rowCount ?? 0) > 0;
}
