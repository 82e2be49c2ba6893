import type { Database, Statement } from 'better-sqlite3';

export type OrderStatus = 'released' | 'held' | 'packing' | 'packed' | 'partial' | 'cancelled';

export interface OrderRow {
  id: number;
  order_no: string;
  shop: string | null;
  platform: string | null;
  status: OrderStatus;
  hold_reason: string | null;
  receiver_name: string | null;
  receiver_phone: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  note: string | null;
  waybill_no: string | null;
  tote: string | null;
  pick_list: string | null;
  order_value_cents: number | null;
  cod_cents: number | null;
  carrier_required: string | null;
  packed_at: string | null;
  packed_by: string | null;
  ordered_at: string | null;
  ship_by: string | null;
  single_sku: string | null;
}

/** Which orders an item-first bench fills now: the configured wave filter, and the pick list or tote scanned. */
export interface Wave {
  shop?: string;
  platform?: string;
  carrier?: string;
  /** A pick list or tote: only its orders. */
  scope?: string | null;
}

export interface OrderLineRow {
  line_no: number;
  sku: string;
  name: string | null;
  qty: number;
}

export type OpenedVia = 'order' | 'waybill' | 'tote' | 'pickList';

/** Orders as the bench reads them. Every lookup is one indexed probe. */
export class OrdersRepo {
  private byCode: [OpenedVia, Statement][];
  private lines: Statement;
  private setStatusStmt: Statement;

  constructor(private readonly db: Database) {
    this.byCode = [
      ['order', db.prepare('SELECT * FROM orders WHERE order_no = ?')],
      ['waybill', db.prepare('SELECT * FROM orders WHERE waybill_no = ?')],
      [
        'tote',
        db.prepare(
          "SELECT * FROM orders WHERE tote = ? AND status IN ('released', 'packing', 'held') ORDER BY id LIMIT 1",
        ),
      ],
      [
        'pickList',
        db.prepare(
          "SELECT * FROM orders WHERE pick_list = ? AND status IN ('released', 'packing', 'held') ORDER BY id LIMIT 1",
        ),
      ],
    ];
    this.lines = db.prepare(
      'SELECT line_no, sku, name, qty FROM order_lines WHERE order_id = ? ORDER BY line_no',
    );
    this.setStatusStmt = db.prepare(
      'UPDATE orders SET status = ?, hold_reason = ?, updated_at = ? WHERE id = ?',
    );
  }

  /**
   * The single-item order of this SKU an item fills: released (so not held, packed, or open at a bench), in the wave,
   * the earliest order time first (none known counts as earliest), then the one whose ship-by is due, then import order.
   */
  nextSingle(sku: string, wave: Wave, now: string): OrderRow | null {
    const row = this.db
      .prepare(
        `SELECT * FROM orders WHERE single_sku = @sku AND status = 'released'
           AND (@shop IS NULL OR shop = @shop) AND (@platform IS NULL OR platform = @platform)
           AND (@carrier IS NULL OR carrier_required = @carrier)
           AND (@scope IS NULL OR tote = @scope OR pick_list = @scope)
         ORDER BY ordered_at, (ship_by IS NOT NULL AND ship_by <= @now) DESC, id LIMIT 1`,
      )
      .get({
        sku,
        shop: wave.shop ?? null,
        platform: wave.platform ?? null,
        carrier: wave.carrier ?? null,
        scope: wave.scope ?? null,
        now,
      }) as OrderRow | undefined;
    return row ?? null;
  }

  /** Whether a pick list or tote has single-item orders waiting: then, item-first, it names a wave. */
  waveHasSingles(code: string): boolean {
    return !!this.db
      .prepare(
        `SELECT 1 FROM orders WHERE (tote = ? OR pick_list = ?) AND single_sku IS NOT NULL AND status = 'released'
         LIMIT 1`,
      )
      .get(code, code);
  }

  /** An order by anything printed for it: order no., pre-printed waybill no., tote id, pick-list barcode. */
  findByCode(code: string): { order: OrderRow; via: OpenedVia } | null {
    for (const [via, stmt] of this.byCode) {
      const order = stmt.get(code) as OrderRow | undefined;
      if (order) return { order, via };
    }
    return null;
  }

  byId(id: number): OrderRow | null {
    return (this.db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined) ?? null;
  }

  linesOf(orderId: number): OrderLineRow[] {
    return this.lines.all(orderId) as OrderLineRow[];
  }

  setStatus(id: number, status: OrderStatus, holdReason: string | null, at: string): void {
    this.setStatusStmt.run(status, holdReason, at, id);
  }

  markPacked(id: number, status: 'packed' | 'partial', at: string, by: string | null): void {
    this.db
      .prepare(
        'UPDATE orders SET status = ?, hold_reason = NULL, packed_at = ?, packed_by = ?, updated_at = ? WHERE id = ?',
      )
      .run(status, at, by, at, id);
  }

  search(query: { text?: string; status?: OrderStatus; limit: number; offset: number }): {
    total: number;
    rows: OrderRow[];
  } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.text) {
      where.push('(order_no LIKE ? OR receiver_name LIKE ? OR waybill_no = ? OR tote = ?)');
      args.push(`%${query.text}%`, `%${query.text}%`, query.text, query.text);
    }
    if (query.status) {
      where.push('status = ?');
      args.push(query.status);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare(`SELECT count(*) FROM orders ${clause}`)
      .pluck()
      .get(...args) as number;
    const rows = this.db
      .prepare(`SELECT * FROM orders ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, query.limit, query.offset) as OrderRow[];
    return { total, rows };
  }
}
