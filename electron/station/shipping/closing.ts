import { draft, type FeedbackDraft } from '../feedback';
import type { BoxState } from '../pack';
import type { ShippingContext } from './context';

/** The numbers whose printed labels close the box: one per carton (one carton: the booking's own). */
const labelsOf = (box: BoxState) =>
  box.shipment!.parcels.length > 1
    ? box.shipment!.parcels.map((p) => ({ carton: p.carton, waybillNo: p.waybillNo }))
    : [{ carton: 1, waybillNo: box.shipment!.waybillNo! }];

/**
 * The packer scans the printed label: the right waybill closes the box; another code is a swapped label. An order in
 * several cartons closes when every carton's label has been scanned; the same carton twice is a mismatch too.
 */
export function scanLabel(ctx: ShippingContext, code: string): FeedbackDraft {
  const box = ctx.pack.box;
  if (!box?.shipment?.waybillNo) return draft('warn', 'booking-in-progress', {});
  const order = ctx.repos.orders.byId(ctx.pack.orderIdOfBox)!;
  const scanned = code.trim();
  const labels = labelsOf(box);
  const left = labels.filter((l) => !box.labelsScanned.includes(l.carton));
  const expected = left.map((l) => l.waybillNo).join(', ');
  const hit = labels.find((l) => l.waybillNo === scanned);
  if (!hit || !left.includes(hit)) {
    ctx.pack.record(box.sessionId, order.id, order.order_no, [
      { type: 'label.mismatch', expected, actual: scanned },
    ]);
    return hit
      ? draft('wrong', 'label-twice', { carton: hit.carton, of: labels.length, waybill: scanned })
      : draft('wrong', 'label-mismatch', { expected, actual: scanned });
  }
  if (left.length > 1) {
    ctx.pack.record(box.sessionId, order.id, order.order_no, [
      { type: 'label.scanned', carton: hit.carton, waybillNo: scanned },
    ]);
    return draft('ok', 'carton-label-ok', {
      carton: hit.carton,
      of: labels.length,
      left: left.length - 1,
      waybill: scanned,
    });
  }
  const master = box.shipment.waybillNo;
  const weightG = box.cartons.reduce((g, c) => g + c.weighing.grams, box.weighing?.grams ?? 0) || null;
  const notify = ctx.config.notify;
  ctx.pack.record(
    box.sessionId,
    order.id,
    order.order_no,
    [
      ...(labels.length > 1
        ? [{ type: 'label.scanned' as const, carton: hit.carton, waybillNo: scanned }]
        : []),
      {
        type: 'box.closed',
        waybillNo: master,
        weightG: box.weighing ? weightG : null,
        partial: box.verification === 'partial',
      },
    ],
    () => {
      if (notify) {
        const at = ctx.now().toISOString();
        const payload = {
          orderNo: order.order_no,
          carrier: box.shipment!.carrier,
          waybillNo: master,
          weightGrams: box.weighing ? weightG : null,
          shippedAt: at,
          ...(labels.length > 1
            ? {
                parcels: box.shipment!.parcels.map((p) => ({
                  carton: p.carton,
                  waybillNo: p.waybillNo,
                  weightGrams: p.weightG,
                })),
              }
            : {}),
        };
        ctx.repos.outbox.add('ship-notice', `ship-${box.sessionId}`, payload, at);
      }
    },
  );
  ctx.pack.clear();
  return draft('done', 'box-closed', { orderNo: order.order_no, waybill: master });
}
