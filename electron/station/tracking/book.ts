import type { ParcelBook, Repos } from '../../store';

/** A single bench's parcels in its SQLite: the tracking rows, the notice in its outbox, in one transaction. */
export function benchParcels(repos: Repos): ParcelBook {
  const followed = (row: { waybill_no: string; carrier: string; shipment_id: number }) => ({
    waybillNo: row.waybill_no,
    carrier: row.carrier,
    orderNo: repos.orders.byId(repos.shipments.byId(row.shipment_id)!.order_id)!.order_no,
  });
  return {
    enrolHandedOver: () => Promise.resolve(repos.tracking.enrolHandedOver()),
    open: (limit) => Promise.resolve(repos.tracking.open(limit).map(followed)),
    byWaybill(waybillNo) {
      const row = repos.tracking.byWaybill(waybillNo);
      return Promise.resolve(row ? followed(row) : null);
    },
    record(waybillNo, events, status, at, notice) {
      if (!repos.isOpen()) return Promise.resolve({ changed: false });
      let changed = false;
      repos.transaction(() => {
        ({ changed } = repos.tracking.record(waybillNo, events, status, at));
        const n = changed && status ? notice(status) : null;
        if (n) repos.outbox.add(n.kind, n.key, n.payload, at);
      });
      return Promise.resolve({ changed });
    },
    timeline: (orderNo) => Promise.resolve(repos.tracking.timeline(orderNo)),
    attention: (now, pickupHours, stuckHours) =>
      Promise.resolve(repos.tracking.attention(now, pickupHours, stuckHours)),
  };
}
