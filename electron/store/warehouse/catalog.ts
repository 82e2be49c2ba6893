import type pg from 'pg';
import { singleSkuOf, type OrderImport, type ProductImport } from '../repos';
import { orderCustoms, productCustoms, setOrderCustoms, setProductCustoms } from './customs';

const ORDER_COLUMNS = [
  'shop',
  'platform',
  'status',
  'hold_reason',
  'receiver_name',
  'receiver_phone',
  'province',
  'city',
  'district',
  'address',
  'note',
  'waybill_no',
  'tote',
  'pick_list',
  'order_value_cents',
  'cod_cents',
  'carrier_required',
  'ordered_at',
  'ship_by',
] as const;

/** The order number something printed for an order names: its number, a pre-printed waybill, a tote, a pick list. */
export async function orderNoOf(q: pg.Pool, code: string): Promise<string | null> {
  const r = await q.query<{ order_no: string }>(
    `SELECT order_no FROM (
       SELECT order_no, 1 AS rank FROM orders WHERE order_no = $1
       UNION ALL SELECT order_no, 2 FROM orders WHERE waybill_no = $1
       UNION ALL SELECT order_no, 3 FROM orders WHERE tote = $1 AND status IN ('released', 'packing', 'held')
       UNION ALL SELECT order_no, 4 FROM orders WHERE pick_list = $1 AND status IN ('released', 'packing', 'held')
     ) found ORDER BY rank, order_no LIMIT 1`,
    [code],
  );
  return r.rows[0]?.order_no ?? null;
}

/** What a bench needs to pack one order: the order, its lines and every product (barcodes, kits) they name. */
export async function orderData(
  q: pg.Pool,
  orderNo: string,
): Promise<{ order: OrderImport; products: ProductImport[] } | null> {
  const o = await q.query<Record<string, string | number | null> & { id: string }>(
    `SELECT id, ${ORDER_COLUMNS.join(', ')} FROM orders WHERE order_no = $1`,
    [orderNo],
  );
  const row = o.rows[0];
  if (!row) return null;
  const lines = await q.query<{ sku: string; name: string | null; qty: number }>(
    'SELECT sku, name, qty FROM order_lines WHERE order_id = $1 ORDER BY line_no',
    [row.id],
  );
  const skus = [...new Set(lines.rows.map((l) => l.sku))];
  const kitParts = await q.query<{ component_sku: string }>(
    'SELECT component_sku FROM kit_components WHERE kit_sku = ANY($1)',
    [skus],
  );
  const all = [...new Set([...skus, ...kitParts.rows.map((k) => k.component_sku)])];
  const products = await q.query<{
    sku: string;
    name: string;
    unit_weight_g: number | null;
    length_mm: number | null;
    width_mm: number | null;
    height_mm: number | null;
    image: string | null;
    category: string | null;
    serial_required: boolean;
    kit_accepts_own_barcode: boolean;
    barcodes: { code: string; qty: number }[] | null;
    kit: { sku: string; qty: number }[] | null;
  }>(
    `SELECT p.*,
       (SELECT json_agg(json_build_object('code', b.code, 'qty', b.qty)) FROM barcodes b WHERE b.sku = p.sku) AS barcodes,
       (SELECT json_agg(json_build_object('sku', k.component_sku, 'qty', k.qty)) FROM kit_components k WHERE k.kit_sku = p.sku) AS kit
     FROM products p WHERE p.sku = ANY($1)`,
    [all],
  );
  const header: OrderImport['header'] = {};
  for (const c of ORDER_COLUMNS) header[c] = row[c] ?? null;
  const customs = await productCustoms(q, all);
  return {
    order: { orderNo, header, lines: lines.rows, customs: await orderCustoms(q, row.id) },
    products: products.rows.map((p) => ({
      sku: p.sku,
      name: p.name,
      unitWeightG: p.unit_weight_g,
      length: p.length_mm,
      width: p.width_mm,
      height: p.height_mm,
      image: p.image,
      category: p.category,
      serialRequired: p.serial_required,
      kitOwnBarcode: p.kit_accepts_own_barcode,
      barcodes: p.barcodes ?? [],
      kit: p.kit ?? [],
      customs: customs.get(p.sku) ?? null,
    })),
  };
}

/** Serial numbers of these SKUs already in a box anywhere in the warehouse. */
export async function takenSerials(q: pg.Pool, skus: string[]): Promise<{ sku: string; serial: string }[]> {
  const r = await q.query<{ sku: string; serial: string }>(
    'SELECT sku, serial FROM serials WHERE sku = ANY($1)',
    [skus],
  );
  return r.rows;
}

/** One order as an import or a feed writes it (upsert by number; lines replaced), in the caller's transaction. */
export async function upsertOrder(client: pg.PoolClient, o: OrderImport): Promise<boolean> {
  const cols = ORDER_COLUMNS;
  const values = cols.map((c) => o.header[c] ?? (c === 'status' ? 'released' : null));
  const n = cols.length + 2;
  const r = await client.query<{ id: string; inserted: boolean }>(
    `INSERT INTO orders (order_no, ${cols.join(', ')}, single_sku) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}, $${n})
     ON CONFLICT (order_no) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, single_sku = EXCLUDED.single_sku, updated_at = now()
     RETURNING id, (xmax = 0) AS inserted`,
    [o.orderNo, ...values, singleSkuOf(o.lines)],
  );
  const { id, inserted } = r.rows[0]!;
  await client.query('DELETE FROM order_lines WHERE order_id = $1', [id]);
  for (const [i, l] of o.lines.entries())
    await client.query(
      'INSERT INTO order_lines (order_id, line_no, sku, name, qty) VALUES ($1, $2, $3, $4, $5)',
      [id, i + 1, l.sku, l.name, l.qty],
    );
  // A file without customs columns leaves what the order had; null clears it.
  if (o.customs !== undefined) await setOrderCustoms(client, id, o.customs);
  return inserted;
}

/** Orders as an import writes them, in one transaction. */
export async function writeOrders(
  client: pg.PoolClient,
  orders: OrderImport[],
): Promise<{ imported: number; updated: number }> {
  const counts = { imported: 0, updated: 0 };
  await client.query('BEGIN');
  try {
    for (const o of orders) {
      if (await upsertOrder(client, o)) counts.imported++;
      else counts.updated++;
    }
    await client.query('COMMIT');
    return counts;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** Products with their barcodes and kits, in one transaction (kits after every product exists). */
export async function writeProducts(client: pg.PoolClient, products: ProductImport[]): Promise<number> {
  await client.query('BEGIN');
  try {
    for (const p of products) {
      await client.query(
        `INSERT INTO products (sku, name, unit_weight_g, length_mm, width_mm, height_mm, image, category, serial_required, kit_accepts_own_barcode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, unit_weight_g = EXCLUDED.unit_weight_g,
           length_mm = EXCLUDED.length_mm, width_mm = EXCLUDED.width_mm, height_mm = EXCLUDED.height_mm,
           image = EXCLUDED.image, category = EXCLUDED.category, serial_required = EXCLUDED.serial_required,
           kit_accepts_own_barcode = EXCLUDED.kit_accepts_own_barcode, updated_at = now()`,
        [
          p.sku,
          p.name,
          p.unitWeightG,
          p.length,
          p.width,
          p.height,
          p.image,
          p.category,
          p.serialRequired,
          p.kitOwnBarcode,
        ],
      );
      await client.query('DELETE FROM barcodes WHERE sku = $1', [p.sku]);
      if (p.customs !== undefined) await setProductCustoms(client, p.sku, p.customs);
      for (const b of p.barcodes)
        await client.query('INSERT INTO barcodes (code, sku, qty) VALUES ($1, $2, $3)', [
          b.code,
          p.sku,
          b.qty,
        ]);
    }
    for (const p of products) {
      await client.query('DELETE FROM kit_components WHERE kit_sku = $1', [p.sku]);
      for (const c of p.kit)
        await client.query('INSERT INTO kit_components (kit_sku, component_sku, qty) VALUES ($1, $2, $3)', [
          p.sku,
          c.sku,
          c.qty,
        ]);
    }
    await client.query('COMMIT');
    return products.length;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
