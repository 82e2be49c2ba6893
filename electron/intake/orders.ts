import type { ImportReport } from '../../shared/contract';
import { holdReason, money, quantity, RowError } from './fields';
import { ORDER_PRESETS, pickPreset, type OrderField } from './presets';
import type { Repos } from '../store';
import type { Written } from './written';
import { newReport, type Table } from './table';

interface OrderDraft {
  firstLine: number;
  orderNo: string;
  header: Record<string, string | number | null>;
  lines: { line: number; sku: string; name: string | null; qty: number }[];
}

/** Orders, one row per order line; all-or-nothing: any refused row and nothing is written. */
export function importOrders(repos: Repos, table: Table, now: Date, written?: Written): ImportReport {
  const { preset, index } = pickPreset(table.header, ORDER_PRESETS);
  const get = (cells: string[], f: OrderField) =>
    index[f] === undefined ? undefined : (cells[index[f]!] ?? '');
  const refused: ImportReport['refused'] = [];
  const warnings: ImportReport['warnings'] = [];
  const drafts = new Map<string, OrderDraft>();
  let previous: string | null = null;

  for (const { line, cells } of table.rows) {
    try {
      const orderNo = get(cells, 'orderNo') ?? '';
      const sku = get(cells, 'sku') ?? '';
      if (!orderNo) throw new RowError('order number is empty');
      if (!sku) throw new RowError('SKU is empty');
      const qty = quantity(get(cells, 'qty') ?? '');
      let draft = drafts.get(orderNo);
      // One row per order line means an order's rows sit together; the same number again later is a second order.
      if (draft && previous !== orderNo)
        throw new RowError(`order ${orderNo} appears twice in this file (first at line ${draft.firstLine})`);
      if (!draft) {
        const hold = holdReason(get(cells, 'status'));
        draft = {
          firstLine: line,
          orderNo,
          header: {
            shop: get(cells, 'shop') || null,
            platform: get(cells, 'platform') || null,
            receiver_name: get(cells, 'receiver') || null,
            receiver_phone: get(cells, 'phone') || null,
            province: get(cells, 'province') || null,
            city: get(cells, 'city') || null,
            district: get(cells, 'district') || null,
            address: get(cells, 'address') || null,
            note: get(cells, 'note') || null,
            waybill_no: get(cells, 'waybillNo') || null,
            tote: get(cells, 'tote') || null,
            pick_list: get(cells, 'pickList') || null,
            order_value_cents: money(get(cells, 'orderValue')),
            cod_cents: money(get(cells, 'cod')),
            carrier_required: get(cells, 'carrier') || null,
            status: hold ? 'held' : 'released',
            hold_reason: hold,
          },
          lines: [],
        };
        drafts.set(orderNo, draft);
      }
      // Two rows of one SKU in one order are one line of their sum (platform exports split gifts and promotions so);
      // the lead is told, since a real double entry would ship twice as many.
      const same = draft.lines.find((l) => l.sku === sku);
      if (same) {
        if (same.qty + qty > 9999)
          throw new RowError(`SKU ${sku} adds up to ${same.qty + qty} in order ${orderNo}, more than 9999`);
        same.qty += qty;
        warnings.push({
          line,
          reason: `SKU ${sku} is on line ${same.line} of order ${orderNo} too: merged into one line of ${same.qty}`,
        });
      } else draft.lines.push({ line, sku, name: get(cells, 'name') || null, qty });
      previous = orderNo;
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      refused.push({ line, reason: err.message });
      previous = get(cells, 'orderNo') ?? null;
    }
  }

  const { catalog } = repos;
  for (const d of drafts.values()) {
    const row = catalog.orderState(d.orderNo);
    if (row && (row.status === 'packed' || row.status === 'partial'))
      refused.push({
        line: d.firstLine,
        reason: `order ${d.orderNo} was already packed${row.packed_at ? ` at ${row.packed_at}` : ''}${row.packed_by ? ` by ${row.packed_by}` : ''}`,
      });
    else if (row && row.status === 'packing')
      refused.push({ line: d.firstLine, reason: `order ${d.orderNo} is being packed right now` });
    for (const l of d.lines)
      if (!catalog.skuExists(l.sku))
        warnings.push({
          line: l.line,
          reason: `SKU ${l.sku} is not in the products: import it before packing this order`,
        });
  }

  const report = newReport('orders', preset.name, table, refused, warnings);
  if (refused.length > 0 || drafts.size === 0) return report;

  const counts = catalog.writeOrders(drafts.values(), now.toISOString());
  written?.({ orders: [...drafts.values()] });
  report.imported += counts.imported;
  report.updated += counts.updated;
  report.committed = true;
  return report;
}
