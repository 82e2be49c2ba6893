import type { Database } from 'better-sqlite3';
import { CustomsRepo, type OrderCustoms, type ProductCustoms } from './customs';

/** An order as an import writes it: its header columns and its lines. */
export interface OrderImport {
  orderNo: string;
  header: Record<string, string | number | null>;
  lines: { sku: string; name: string | null; qty: number }[];
  /** An order going abroad: its declaration data (null: domestic; absent: left as it was). */
  customs?: OrderCustoms | null;
}

/** A product as an import writes it, with every barcode and kit component it has. */
export interface ProductImport {
  sku: string;
  name: string;
  unitWeightG: number | null;
  length: number | null;
  width: number | null;
  height: number | null;
  image: string | null;
  category: string | null;
  serialRequired: boolean;
  kitOwnBarcode: boolean;
  barcodes: { code: string; qty: number }[];
  kit: { sku: string; qty: number }[];
  /** What customs is told of it (null: nothing; absent: left as it was). */
  customs?: ProductCustoms | null;
}

/** Every column an order row has, for a header that names only some (a column left out is empty; status released). */
const ORDER_DEFAULTS: Record<string, string | number | null> = {
  shop: null,
  platform: null,
  status: 'released',
  hold_reason: null,
  receiver_name: null,
  receiver_phone: null,
  province: null,
  city: null,
  district: null,
  address: null,
  note: null,
  waybill_no: null,
  tote: null,
  pick_list: null,
  order_value_cents: null,
  cod_cents: null,
  carrier_required: null,
  ordered_at: null,
  ship_by: null,
};

/** The SKU an order is one unit of, which item-first packing looks orders up by; null for any other order. */
export const singleSkuOf = (lines: OrderImport['lines']): string | null =>
  lines.length === 1 && lines[0]!.qty === 1 ? lines[0]!.sku : null;

/**
 * Imports of orders and products: the checks an importer asks before writing, and one all-or-nothing write per file.
 */
export class CatalogRepo {
  constructor(private readonly db: Database) {}

  orderState(
    orderNo: string,
  ): { id: number; status: string; packed_at: string | null; packed_by: string | null } | null {
    return (
      (this.db
        .prepare('SELECT id, status, packed_at, packed_by FROM orders WHERE order_no = ?')
        .get(orderNo) as
        { id: number; status: string; packed_at: string | null; packed_by: string | null } | undefined) ??
      null
    );
  }

  skuExists(sku: string): boolean {
    return this.db.prepare('SELECT 1 FROM products WHERE sku = ?').get(sku) !== undefined;
  }

  barcodeOwner(code: string): string | null {
    return (
      (this.db.prepare('SELECT sku FROM barcodes WHERE code = ?').pluck().get(code) as string | undefined) ??
      null
    );
  }

  /** Nothing imported yet: no product, no order, no user. */
  isEmpty(): boolean {
    return (
      this.db
        .prepare(
          'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM users)',
        )
        .pluck()
        .get() === 0
    );
  }

  /** Upserts the orders and replaces their lines, in one transaction; counts new and updated orders. */
  writeOrders(orders: Iterable<OrderImport>, at: string): { imported: number; updated: number } {
    const insert = this.db.prepare(
      `INSERT INTO orders (order_no, shop, platform, status, hold_reason, receiver_name, receiver_phone, province, city, district, address, note, waybill_no, tote, pick_list, order_value_cents, cod_cents, carrier_required, ordered_at, ship_by, single_sku, created_at, updated_at)
       VALUES (@order_no, @shop, @platform, @status, @hold_reason, @receiver_name, @receiver_phone, @province, @city, @district, @address, @note, @waybill_no, @tote, @pick_list, @order_value_cents, @cod_cents, @carrier_required, @ordered_at, @ship_by, @single_sku, @at, @at)
       ON CONFLICT(order_no) DO UPDATE SET shop = excluded.shop, platform = excluded.platform, status = excluded.status, hold_reason = excluded.hold_reason,
         receiver_name = excluded.receiver_name, receiver_phone = excluded.receiver_phone, province = excluded.province, city = excluded.city, district = excluded.district,
         address = excluded.address, note = excluded.note, waybill_no = excluded.waybill_no, tote = excluded.tote, pick_list = excluded.pick_list,
         order_value_cents = excluded.order_value_cents, cod_cents = excluded.cod_cents, carrier_required = excluded.carrier_required,
         ordered_at = excluded.ordered_at, ship_by = excluded.ship_by, single_sku = excluded.single_sku, updated_at = excluded.updated_at
       RETURNING id`,
    );
    const clearLines = this.db.prepare('DELETE FROM order_lines WHERE order_id = ?');
    const addLine = this.db.prepare(
      'INSERT INTO order_lines (order_id, line_no, sku, name, qty) VALUES (?, ?, ?, ?, ?)',
    );
    const counts = { imported: 0, updated: 0 };
    const customs = new CustomsRepo(this.db);
    this.db.transaction(() => {
      for (const o of orders) {
        const was = this.orderState(o.orderNo);
        const row = {
          ...ORDER_DEFAULTS,
          ...o.header,
          order_no: o.orderNo,
          single_sku: singleSkuOf(o.lines),
          at,
        };
        const { id } = insert.get(row) as {
          id: number;
        };
        clearLines.run(id);
        o.lines.forEach((l, i) => addLine.run(id, i + 1, l.sku, l.name, l.qty));
        // A file without customs columns leaves what the order had; null clears it.
        if (o.customs !== undefined) customs.setOrder(id, o.customs);
        if (was) counts.updated++;
        else counts.imported++;
      }
    })();
    return counts;
  }

  /** Upserts the products, then their barcodes and kits (so a kit may name a component further down the file). */
  writeProducts(products: ProductImport[], at: string): { imported: number; updated: number } {
    const upsert = this.db.prepare(
      `INSERT INTO products (sku, name, unit_weight_g, length_mm, width_mm, height_mm, image, category, serial_required, kit_accepts_own_barcode, updated_at)
       VALUES (@sku, @name, @unitWeightG, @length, @width, @height, @image, @category, @serial, @kitOwn, @at)
       ON CONFLICT(sku) DO UPDATE SET name = excluded.name, unit_weight_g = excluded.unit_weight_g, length_mm = excluded.length_mm, width_mm = excluded.width_mm,
         height_mm = excluded.height_mm, image = excluded.image, category = excluded.category, serial_required = excluded.serial_required,
         kit_accepts_own_barcode = excluded.kit_accepts_own_barcode, updated_at = excluded.updated_at`,
    );
    const clearCodes = this.db.prepare('DELETE FROM barcodes WHERE sku = ?');
    const addCode = this.db.prepare('INSERT INTO barcodes (code, sku, qty) VALUES (?, ?, ?)');
    const clearKit = this.db.prepare('DELETE FROM kit_components WHERE kit_sku = ?');
    const addKit = this.db.prepare(
      'INSERT INTO kit_components (kit_sku, component_sku, qty) VALUES (?, ?, ?)',
    );
    const counts = { imported: 0, updated: 0 };
    const customs = new CustomsRepo(this.db);
    this.db.transaction(() => {
      for (const p of products) {
        const existed = this.skuExists(p.sku);
        upsert.run({
          sku: p.sku,
          name: p.name,
          unitWeightG: p.unitWeightG,
          length: p.length,
          width: p.width,
          height: p.height,
          image: p.image,
          category: p.category,
          serial: p.serialRequired ? 1 : 0,
          kitOwn: p.kitOwnBarcode ? 1 : 0,
          at,
        });
        clearCodes.run(p.sku);
        if (p.customs !== undefined) customs.setProduct(p.sku, p.customs);
        if (existed) counts.updated++;
        else counts.imported++;
      }
      for (const p of products) {
        for (const b of p.barcodes) addCode.run(b.code, p.sku, b.qty);
        clearKit.run(p.sku);
        for (const c of p.kit) addKit.run(p.sku, c.sku, c.qty);
      }
    })();
    return counts;
  }
}
