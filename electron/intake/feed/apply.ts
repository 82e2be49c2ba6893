import type { Repos } from '../../store';
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

/**
 * Feed records into the orders, in the caller's transaction. The same order again updates it (never a second one); an
 * order a bench has started is not rewritten, and a hold, cancellation or refund of it is handed back as an intercept.
 */
export function applyFeedOrders(repos: Repos, orders: FeedOrder[], at: string): FeedWrite {
  const out: FeedWrite = { written: 0, unchanged: 0, intercepts: [] };
  const { catalog } = repos;
  for (const o of orders) {
    const state = catalog.orderState(o.orderNo);
    const stops = o.status !== 'released';
    const status = o.status === 'released' ? 'released' : o.status === 'hold' ? 'held' : 'cancelled';
    const reason = stops ? (o.holdReason ?? o.status) : null;
    const started = state && ['packing', 'packed', 'partial'].includes(state.status);
    if (started) {
      // The box exists: the lines stay as packed; only a stop reaches it.
      if (stops)
        out.intercepts.push({ orderNo: o.orderNo, status: status as 'held' | 'cancelled', reason: reason! });
      else out.unchanged++;
      continue;
    }
    catalog.writeOrders(
      [
        {
          orderNo: o.orderNo,
          header: {
            shop: o.shop ?? null,
            platform: o.platform ?? null,
            status,
            hold_reason: reason,
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
        },
      ],
      at,
    );
    out.written++;
  }
  return out;
}
