import { draft, type FeedbackDraft } from '../feedback';
import type { ShippingContext } from './context';

/** The packer scans the printed label: the right waybill closes the box; another code is a swapped label. */
export function scanLabel(ctx: ShippingContext, code: string): FeedbackDraft {
  const box = ctx.pack.box;
  if (!box?.shipment?.waybillNo) return draft('warn', 'booking-in-progress', {});
  const order = ctx.repos.orders.byId(ctx.pack.orderIdOfBox)!;
  const expected = box.shipment.waybillNo;
  if (code.trim() !== expected) {
    ctx.pack.record(box.sessionId, order.id, order.order_no, [
      { type: 'label.mismatch', expected, actual: code.trim() },
    ]);
    return draft('wrong', 'label-mismatch', { expected, actual: code.trim() });
  }
  const notify = ctx.config.notify;
  ctx.pack.record(
    box.sessionId,
    order.id,
    order.order_no,
    [
      {
        type: 'box.closed',
        waybillNo: expected,
        weightG: box.weighing?.grams ?? null,
        partial: box.verification === 'partial',
      },
    ],
    () => {
      if (notify) {
        const at = ctx.now().toISOString();
        const payload = {
          orderNo: order.order_no,
          carrier: box.shipment!.carrier,
          waybillNo: expected,
          weightGrams: box.weighing?.grams ?? null,
          shippedAt: at,
        };
        ctx.repos.outbox.add('ship-notice', `ship-${box.sessionId}`, payload, at);
      }
    },
  );
  ctx.pack.clear();
  return draft('done', 'box-closed', { orderNo: order.order_no, waybill: expected });
}
