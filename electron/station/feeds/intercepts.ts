import { randomUUID } from 'node:crypto';
import type { CarrierAdapter, ShipmentRequest } from '../../carriers';
import type { FeedIntercept } from '../../intake';
import { background, type Log } from '../../log';
import type { Repos, ShipmentRow } from '../../store';
import { MISMATCH_PHRASES } from '../../../shared/words';
import type { FeedbackDraft } from '../feedback';
import type { PackWorkflow } from '../pack';

const say = MISMATCH_PHRASES.say;

export interface InterceptBench {
  repos: Repos;
  pack: PackWorkflow;
  carriers: Record<string, CarrierAdapter>;
  log: Log;
  now: () => Date;
  stationId: string;
  tell: (d: FeedbackDraft) => void;
  drain: () => void;
  /**
   * In a warehouse a box is loaded at any dock: whether any of these waybills is on a batch, asked there. Null on a
   * single bench (its own handovers say).
   */
  handedOver: ((waybills: string[]) => Promise<boolean>) | null;
}

/**
 * 拦截 at a bench, as a feed says an order is held, cancelled or refunded. Its open box here is set aside in red
 * with the reason and its unprinted labels voided; a booked waybill is voided at the carrier and the lead told to
 * take the box to the intercept shelf; a box already handed over is the lead's to chase with the carrier.
 */
export function interceptOrder(b: InterceptBench, i: FeedIntercept): void {
  const found = b.repos.orders.findByCode(i.orderNo);
  if (!found) return;
  const order = found.order;
  const at = b.now().toISOString();
  const box = b.pack.box;
  const shipment = b.repos.shipments.latestBooked(order.id);
  if (box && box.order.orderNo === i.orderNo && !box.closed) {
    b.repos.printJobs.voidPending(box.sessionId, at);
    b.pack.hold(i.reason);
    if (i.status === 'cancelled') b.repos.orders.setStatus(order.id, 'cancelled', i.reason, at);
    b.tell({ tone: 'wrong', kind: 'box-intercepted', params: { orderNo: i.orderNo, reason: i.reason } });
    b.drain();
    if (shipment?.session_id === box.sessionId) voidAndTell(b, shipment, i, order.order_no);
    return;
  }
  if (order.status !== 'packed' && order.status !== 'partial') {
    b.repos.orders.setStatus(order.id, i.status, i.reason, at);
    return;
  }
  if (!shipment) return;
  const asked = b.handedOver;
  if (!asked) {
    if (b.repos.handovers.batchOf(shipment.id) !== null)
      note(b, shipment, i, order.order_no, say('intercept-after-handover'));
    else voidAndTell(b, shipment, i, order.order_no);
    return;
  }
  const waybills = [
    shipment.waybill_no!,
    ...b.repos.shipments.parcelsOf(shipment.id).map((p) => p.waybillNo),
  ];
  background(b.log, `intercept of packed ${order.order_no}`, async () => {
    if (await asked(waybills)) note(b, shipment, i, order.order_no, say('intercept-after-handover'));
    else voidAndTell(b, shipment, i, order.order_no);
  });
}

/** Voids the waybill at its carrier (in the background), then writes the lead's row: shelf, or call the carrier. */
function voidAndTell(b: InterceptBench, s: ShipmentRow, i: FeedIntercept, orderNo: string): void {
  const carrier = b.carriers[s.carrier];
  background(b.log, `voiding ${s.waybill_no} of intercepted ${orderNo}`, async () => {
    let outcome: { ok: boolean; message: string };
    try {
      if (!carrier) throw new Error(`carrier ${s.carrier} is not set up at this bench`);
      const ref = s.response ? (JSON.parse(s.response) as { carrierRef?: string | null }).carrierRef : null;
      const parcels = b.repos.shipments.parcelsOf(s.id).map((p) => p.waybillNo);
      outcome = await carrier.cancel(s.waybill_no!, JSON.parse(s.request) as ShipmentRequest, ref, parcels);
    } catch (err) {
      outcome = { ok: false, message: (err as Error).message };
    }
    if (!b.repos.isOpen()) return;
    if (outcome.ok) b.repos.shipments.result(s.id, { status: 'cancelled' }, b.now().toISOString());
    note(
      b,
      s,
      i,
      orderNo,
      outcome.ok ? say('intercept-shelf') : say('intercept-void-failed', { detail: outcome.message }),
    );
  });
}

function note(b: InterceptBench, s: ShipmentRow, i: FeedIntercept, orderNo: string, actual: string): void {
  if (!b.repos.isOpen()) return;
  b.repos.mismatches.add({
    session_id: s.session_id ?? `intercept:${randomUUID()}`,
    seq: 1_000_000 + s.id,
    type: 'intercept',
    order_no: orderNo,
    sku: null,
    code: s.waybill_no,
    expected: say('not-shipped', { reason: i.reason }),
    actual,
    packer: null,
    station_id: b.stationId,
    at: b.now().toISOString(),
  });
}
