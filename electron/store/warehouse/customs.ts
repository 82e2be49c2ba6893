import type pg from 'pg';
import { productCustomsOf, type OrderCustoms, type ProductCustoms, type ProductCustomsRow } from '../repos';

type Q = pg.Pool | pg.PoolClient;

/** An order's customs data, written with the order (null clears it: the order is domestic now). */
export async function setOrderCustoms(
  c: pg.PoolClient,
  orderId: string,
  customs: OrderCustoms | null,
): Promise<void> {
  if (!customs) {
    await c.query('DELETE FROM order_customs WHERE order_id = $1', [orderId]);
    return;
  }
  await c.query(
    `INSERT INTO order_customs (order_id, country, buyer_tax_id, ioss, incoterm, lines) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET country = EXCLUDED.country, buyer_tax_id = EXCLUDED.buyer_tax_id,
       ioss = EXCLUDED.ioss, incoterm = EXCLUDED.incoterm, lines = EXCLUDED.lines`,
    [
      orderId,
      customs.country,
      customs.buyerTaxId,
      customs.ioss,
      customs.incoterm,
      JSON.stringify(customs.lines),
    ],
  );
}

export async function setProductCustoms(
  c: pg.PoolClient,
  sku: string,
  customs: ProductCustoms | null,
): Promise<void> {
  if (!customs) {
    await c.query('DELETE FROM product_customs WHERE sku = $1', [sku]);
    return;
  }
  await c.query(
    `INSERT INTO product_customs (sku, hs_code, name_en, name_zh, origin_country, dangerous_goods)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (sku) DO UPDATE SET hs_code = EXCLUDED.hs_code, name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh,
       origin_country = EXCLUDED.origin_country, dangerous_goods = EXCLUDED.dangerous_goods`,
    [sku, customs.hsCode, customs.nameEn, customs.nameZh, customs.originCountry, customs.dangerousGoods],
  );
}

/** An order's customs data for a bench's cache (null: domestic). */
export async function orderCustoms(q: Q, orderId: string): Promise<OrderCustoms | null> {
  const r = await q.query<{
    country: string;
    buyer_tax_id: string | null;
    ioss: string | null;
    incoterm: string | null;
    lines: OrderCustoms['lines'];
  }>('SELECT country, buyer_tax_id, ioss, incoterm, lines FROM order_customs WHERE order_id = $1', [orderId]);
  const c = r.rows[0];
  return c
    ? { country: c.country, buyerTaxId: c.buyer_tax_id, ioss: c.ioss, incoterm: c.incoterm, lines: c.lines }
    : null;
}

export async function productCustoms(q: Q, skus: string[]): Promise<Map<string, ProductCustoms>> {
  const r = await q.query<ProductCustomsRow>('SELECT * FROM product_customs WHERE sku = ANY($1)', [skus]);
  return new Map(r.rows.map((p) => [p.sku, productCustomsOf(p)]));
}

/** A lead's fix at a bench: the order's declaration and its products' customs data, in one transaction. */
export async function writeCustoms(
  c: pg.PoolClient,
  orderNo: string,
  order: OrderCustoms,
  products: Map<string, ProductCustoms>,
): Promise<boolean> {
  await c.query('BEGIN');
  try {
    const o = await c.query<{ id: string }>('SELECT id FROM orders WHERE order_no = $1', [orderNo]);
    if (!o.rows[0]) {
      await c.query('ROLLBACK');
      return false;
    }
    await setOrderCustoms(c, o.rows[0].id, order);
    for (const [sku, p] of products) await setProductCustoms(c, sku, p);
    await c.query('COMMIT');
    return true;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
