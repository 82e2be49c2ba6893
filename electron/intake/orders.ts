import type { ImportReport } from '../../shared/contract';
import { code, holdReason, money, quantity, RowError, timestamp } from './fields';
import { ORDER_PRESETS, pickPreset, type OrderField } from './presets';
import type { OrderCustoms, Repos } from '../store';
import type { Written } from './written';
import { newReport, type Row, type Table } from './table';

interface OrderDraft {
  firstLine: number;
  orderNo: string;
  header: Record<string, string | number | null>;
  lines: { line: number; sku: string; name: string | null; qty: number }[];
  /** Absent when the file has no customs columns (what the order had stays); null for a domestic order. */
  customs?: OrderCustoms | null;
}

/** Orders written per statement batch: the transaction stays one, the batch only bounds what waits in memory. */
const BATCH = 500;

/** Thrown inside the import's transaction to undo what it wrote: a file with a refused row writes nothing. */
class Refused extends Error {}

/**
 * Orders, one row per order line; all-or-nothing: any refused row and nothing is written. The file is read once, and
 * each order is checked and written as soon as its last row has passed (an order's rows sit together), inside one
 * transaction that is rolled back at the end if any row was refused. Every refusal of the file is still reported.
 */
export function importOrders(repos: Repos, table: Table, now: Date, written?: Written): ImportReport {
  const { preset, index } = pickPreset(table.header, ORDER_PRESETS);
  const get = (cells: string[], f: OrderField) =>
    index[f] === undefined ? undefined : (cells[index[f]!] ?? '');
  const refused: ImportReport['refused'] = [];
  const warnings: ImportReport['warnings'] = [];
  const { catalog } = repos;
  const at = now.toISOString();
  // Each order number's first line: an order's rows sit together, so the same number again later is a second order.
  const seen = new Map<string, number>();
  // Kept only for whoever keeps a second copy (the warehouse); a bench alone keeps none.
  const kept: OrderDraft[] | null = written ? [] : null;
  const batch: OrderDraft[] = [];
  const counts = { imported: 0, updated: 0, orders: 0 };
  let rows = 0;
  let draft: OrderDraft | null = null;
  let previous: string | null = null;

  const write = () => {
    if (refused.length === 0 && batch.length > 0) {
      const c = catalog.writeOrders(batch, at);
      counts.imported += c.imported;
      counts.updated += c.updated;
    }
    batch.length = 0;
  };
  /** An order whose rows are all read: checked against the database, then written (or, past a refusal, dropped). */
  const finish = (d: OrderDraft) => {
    counts.orders++;
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
    if (refused.length > 0) return;
    batch.push(d);
    kept?.push(d);
    if (batch.length >= BATCH) write();
  };

  const visit = ({ line, cells }: Row) => {
    rows++;
    const orderNo = get(cells, 'orderNo') ?? '';
    const starts = orderNo !== previous;
    previous = orderNo;
    if (starts && draft) {
      finish(draft);
      draft = null;
    }
    try {
      const sku = get(cells, 'sku') ?? '';
      if (!orderNo) throw new RowError('order number is empty');
      if (!sku) throw new RowError('SKU is empty');
      const qty = quantity(get(cells, 'qty') ?? '');
      const first = starts ? seen.get(orderNo) : undefined;
      if (first !== undefined)
        throw new RowError(`order ${orderNo} appears twice in this file (first at line ${first})`);
      draft ??= newDraft(line, orderNo, cells, get);
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
      } else {
        draft.lines.push({ line, sku, name: get(cells, 'name') || null, qty });
        draft.customs?.lines.push({
          sku,
          valueCents: money(get(cells, 'declaredValue')),
          currency: code(get(cells, 'currency')),
        });
      }
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      refused.push({ line, reason: err.message });
    }
    if (starts && orderNo && !seen.has(orderNo)) seen.set(orderNo, line);
  };

  try {
    repos.transaction(() => {
      table.each(visit);
      if (draft) finish(draft);
      write();
      if (refused.length > 0 || counts.orders === 0) throw new Refused();
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
  }
  const report = newReport('orders', preset.name, table, rows, refused, warnings);
  if (refused.length > 0 || counts.orders === 0) return report;
  if (kept) written?.({ orders: kept });
  report.imported = counts.imported;
  report.updated = counts.updated;
  report.committed = true;
  return report;
}

function newDraft(
  line: number,
  orderNo: string,
  cells: string[],
  get: (cells: string[], f: OrderField) => string | undefined,
): OrderDraft {
  const hold = holdReason(get(cells, 'status'));
  return {
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
      ordered_at: timestamp(get(cells, 'orderedAt'), 'order time'),
      ship_by: timestamp(get(cells, 'shipBy'), 'ship-by time'),
      status: hold ? 'held' : 'released',
      hold_reason: hold,
    },
    lines: [],
    ...customsOf(cells, get),
  };
}

/** An order's customs columns: present in the file and naming a country, the order goes abroad. */
function customsOf(
  cells: string[],
  get: (cells: string[], f: OrderField) => string | undefined,
): { customs?: OrderCustoms | null } {
  const country = get(cells, 'country');
  if (country === undefined) return {};
  const c = code(country, /[^A-Z]/g);
  return {
    customs: c
      ? {
          country: c,
          buyerTaxId: get(cells, 'buyerTaxId')?.trim() || null,
          ioss: code(get(cells, 'ioss')),
          incoterm: code(get(cells, 'incoterm'), /[^A-Z]/g),
          lines: [],
        }
      : null,
  };
}
