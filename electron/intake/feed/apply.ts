import type { OrderImport, Repos } from '../../store';
import type { FeedOrder } from './shape';

/** An order a feed stopped (拦截) that a bench may be packing, or has packed: the station decides what to do. */
export interface FeedIntercept {
  orderNo: string;
  status: 'held' | 'cancelled';
  reason: string;
}

export interface FeedWrite {
  written: number;
  unchanged: number;
  intercepts: FeedIntercept[];
}

const yuanToCents = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 100);

/** A feed record's stop (hold, cancellation, refund), or null for a released order. */
export function stopOf(o: FeedOrder): Omit<FeedIntercept, 'orderNo'> | null {
  if (o.status === 'released') return null;
  return { status: o.status === 'hold' ? 'held' : 'cancelled', reason: o.holdReason ?? o.status };
}

/** A feed record as the order an import writes (the same columns on a bench and in the warehouse). */
export function orderImportOf(o: FeedOrder): OrderImport {
  const stop = stopOf(o);
  return {
    orderNo: o.orderNo,
    header: {
      shop: o.shop ?? null,
      platform: o.platform ?? null,
      status: stop?.status ?? 'released',
      hold_reason: stop?.reason ?? null,
      receiver_name: o.receiver.name,
      receiver_phone: o.receiver.phone,
      province: o.receiver.province,
      city: o.receiver.city,
      district: o.receiver.district,
      address: o.receiver.address,
      note: o.note ?? null,
      order_value_cents: yuanToCents(o.orderValue),
      cod_cents: yuanToCents(o.cod),
      carrier_required: o.carrier ?? null,
    },
    lines: o.lines.map((l) => ({ sku: l.sku, name: l.name ?? null, qty: l.qty })),
    customs: o.country
      ? {
          country: o.country,
          buyerTaxId: o.buyerTaxId ?? null,
          ioss: o.ioss ?? null,
          incoterm: o.incoterm ?? null,
          lines: o.lines.map((l) => ({
            sku: l.sku,
            valueCents: yuanToCents(l.declaredValue),
            currency: l.currency ?? null,
          })),
        }
      : null,
  };
}

/**
 * Feed records into a bench's orders, in the caller's transaction. The same order again updates it (never a second
 * one); an order the bench has started is not rewritten, and a hold, cancellation or refund of it is handed back as an
 * intercept.
 */
export function applyFeedOrders(repos: Repos, orders: FeedOrder[], at: string): FeedWrite {
  const out: FeedWrite = { written: 0, unchanged: 0, intercepts: [] };
  for (const o of orders) {
    const state = repos.catalog.orderState(o.orderNo);
    const stop = stopOf(o);
    if (state && ['packing', 'packed', 'partial'].includes(state.status)) {
      // The box exists: the lines stay as packed; only a stop reaches it.
      if (stop) out.intercepts.push({ orderNo: o.orderNo, ...stop });
      else out.unchanged++;
      continue;
    }
    repos.catalog.writeOrders([orderImportOf(o)], at);
    out.written++;
  }
  return out;
}
