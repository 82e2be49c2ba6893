import type { Database, Statement } from 'better-sqlite3';

export interface ProductRow {
  sku: string;
  name: string;
  unit_weight_g: number | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  image: string | null;
  category: string | null;
  serial_required: 0 | 1;
  kit_accepts_own_barcode: 0 | 1;
}

export interface KitComponentRow {
  component_sku: string;
  qty: number;
}

export class ProductsRepo {
  private barcode: Statement;
  private product: Statement;
  private kit: Statement;

  constructor(db: Database) {
    this.barcode = db.prepare(
      'SELECT b.sku, b.qty, p.name FROM barcodes b JOIN products p ON p.sku = b.sku WHERE b.code = ?',
    );
    this.product = db.prepare('SELECT * FROM products WHERE sku = ?');
    this.kit = db.prepare(
      'SELECT component_sku, qty FROM kit_components WHERE kit_sku = ? ORDER BY component_sku',
    );
  }

  /** Barcode → SKU and how many units one scan counts (1, or a case / inner pack). */
  resolveBarcode(code: string): { sku: string; qty: number; name: string } | null {
    return (this.barcode.get(code) as { sku: string; qty: number; name: string } | undefined) ?? null;
  }

  bySku(sku: string): ProductRow | null {
    return (this.product.get(sku) as ProductRow | undefined) ?? null;
  }

  kitComponents(sku: string): KitComponentRow[] {
    return this.kit.all(sku) as KitComponentRow[];
  }
}
