import type { Database } from 'better-sqlite3';

/** What customs is told of a product: HS code, the customs description (English, Chinese), origin, dangerous goods. */
export interface ProductCustoms {
  hsCode: string | null;
  nameEn: string | null;
  nameZh: string | null;
  /** ISO 3166 alpha-2. */
  originCountry: string | null;
  /** A dangerous-goods mark, e.g. UN3481 (lithium ion batteries packed with equipment); null when none. */
  dangerousGoods: string | null;
}

/** What customs is told of an order going abroad: where, to whom, on what terms, and each line's declared value. */
export interface OrderCustoms {
  /** ISO 3166 alpha-2 of the destination. */
  country: string;
  buyerTaxId: string | null;
  ioss: string | null;
  incoterm: string | null;
  /** Per SKU of the order: the declared unit value (cents) and its ISO 4217 currency. */
  lines: { sku: string; valueCents: number | null; currency: string | null }[];
}

/** A product's customs columns, as both databases store them. */
export interface ProductCustomsRow {
  sku: string;
  hs_code: string | null;
  name_en: string | null;
  name_zh: string | null;
  origin_country: string | null;
  dangerous_goods: string | null;
}

export const productCustomsOf = (r: ProductCustomsRow): ProductCustoms => ({
  hsCode: r.hs_code,
  nameEn: r.name_en,
  nameZh: r.name_zh,
  originCountry: r.origin_country,
  dangerousGoods: r.dangerous_goods,
});

/** Customs data of products and orders; written in the caller's transaction with the product or order it belongs to. */
export class CustomsRepo {
  constructor(private readonly db: Database) {}

  setProduct(sku: string, c: ProductCustoms | null): void {
    if (!c) {
      this.db.prepare('DELETE FROM product_customs WHERE sku = ?').run(sku);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO product_customs (sku, hs_code, name_en, name_zh, origin_country, dangerous_goods)
         VALUES (@sku, @hsCode, @nameEn, @nameZh, @originCountry, @dangerousGoods)
         ON CONFLICT (sku) DO UPDATE SET hs_code = excluded.hs_code, name_en = excluded.name_en, name_zh = excluded.name_zh,
           origin_country = excluded.origin_country, dangerous_goods = excluded.dangerous_goods`,
      )
      .run({ sku, ...c });
  }

  setOrder(orderId: number, c: OrderCustoms | null): void {
    if (!c) {
      this.db.prepare('DELETE FROM order_customs WHERE order_id = ?').run(orderId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO order_customs (order_id, country, buyer_tax_id, ioss, incoterm, lines)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (order_id) DO UPDATE SET country = excluded.country, buyer_tax_id = excluded.buyer_tax_id,
           ioss = excluded.ioss, incoterm = excluded.incoterm, lines = excluded.lines`,
      )
      .run(orderId, c.country, c.buyerTaxId, c.ioss, c.incoterm, JSON.stringify(c.lines));
  }

  ofOrder(orderId: number): OrderCustoms | null {
    const r = this.db.prepare('SELECT * FROM order_customs WHERE order_id = ?').get(orderId) as
      | {
          country: string;
          buyer_tax_id: string | null;
          ioss: string | null;
          incoterm: string | null;
          lines: string;
        }
      | undefined;
    return r
      ? {
          country: r.country,
          buyerTaxId: r.buyer_tax_id,
          ioss: r.ioss,
          incoterm: r.incoterm,
          lines: JSON.parse(r.lines) as OrderCustoms['lines'],
        }
      : null;
  }

  ofProducts(skus: string[]): Map<string, ProductCustoms> {
    const get = this.db.prepare('SELECT * FROM product_customs WHERE sku = ?');
    const out = new Map<string, ProductCustoms>();
    for (const sku of new Set(skus)) {
      const r = get.get(sku) as ProductCustomsRow | undefined;
      if (r) out.set(sku, productCustomsOf(r));
    }
    return out;
  }
}
