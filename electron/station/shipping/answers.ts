import type { ShipmentDetails } from '../../carriers';
import type { NewPrintJob, OrderRow, ShipmentRow } from '../../store';
import { draft, type FeedbackDraft } from '../feedback';
import type { BoxState } from '../pack';
import { labelJob, slipJob } from '../printing';
import type { Booker, ShippingContext } from './context';
import { recordShipmentOutcome } from './requests';

/** Shipment row, the box's event and its label and slip jobs, in one transaction. */
export async function recordBooked(
  ctx: ShippingContext,
  ...[shipmentId, sessionId, order, carrier, outcome, weightG, at]: Parameters<Booker['recordBooked']>
): Promise<FeedbackDraft> {
  const { shipments, printJobs } = ctx.repos;
  const d = outcome.details;
  let labelJobId: number | null = null;
  const slip = slipJob(ctx, sessionId, order, d, weightG);
  let job: NewPrintJob | null = null;
  try {
    job = await labelJob(ctx, sessionId, order, d, weightG);
  } catch (err) {
    ctx.log.error(`label for ${d.waybillNo} could not be made`, err);
  }
  ctx.repos.transaction(() => {
    recordShipmentOutcome(shipments, shipmentId, outcome, at);
    if (job) labelJobId = printJobs.add(job, at);
    if (slip) printJobs.add(slip, at);
    ctx.pack.record(sessionId, order.id, order.order_no, [
      {
        type: 'box.booked',
        shipmentId,
        carrier,
        waybillNo: d.waybillNo,
        markDestination: d.markDestination,
        sortingCode: d.sortingCode,
        labelJobId,
      },
    ]);
  });
  return draft('done', 'booked', { carrier, waybill: d.waybillNo });
}

/**
 * The order already has a live shipment that is not this box's (booked from the command line, or by an earlier
 * box). A booked one made outside any box is adopted: its waybill is this box's, and its label prints. Anything
 * else is said, naming the waybill, and nothing is booked.
 */
export async function adoptOrRefuse(
  ctx: ShippingContext,
  box: BoxState,
  order: OrderRow,
  row: ShipmentRow,
): Promise<FeedbackDraft> {
  if (row.status === 'booked' && row.session_id === null && row.waybill_no) {
    const at = ctx.now().toISOString();
    ctx.repos.transaction(() => {
      ctx.repos.shipments.adopt(row.id, box.sessionId, at);
      ctx.pack.record(box.sessionId, order.id, order.order_no, [
        {
          type: 'box.booking',
          shipmentId: row.id,
          carrier: row.carrier,
          key: row.idempotency_key,
          priceCents: row.price_cents,
          reasons: [`booked before packing (${row.idempotency_key})`],
          lead: null,
        },
      ]);
    });
    const d = await recordBooked(
      ctx,
      row.id,
      box.sessionId,
      order,
      row.carrier,
      {
        kind: 'booked',
        details: {
          carrier: row.carrier,
          service: row.service,
          waybillNo: row.waybill_no,
          markDestination: row.mark_destination,
          sortingCode: row.sorting_code,
          label:
            row.label && row.label_format
              ? ({ format: row.label_format, data: row.label } as ShipmentDetails['label'])
              : null,
        },
      },
      row.weight_g ?? box.weighing?.grams ?? null,
      at,
    );
    ctx.tell(d);
    return d;
  }
  const d =
    row.status === 'requesting' || row.status === 'unknown'
      ? draft('warn', 'booking-in-progress', {})
      : draft('wrong', 'booking-exists', { waybill: row.waybill_no ?? row.idempotency_key });
  ctx.tell(d);
  return d;
}
