import { refuse } from '../../../shared/contract';
import type { ShipmentRequest } from '../../carriers';
import type { FeedbackDraft } from '../feedback';
import { draft } from '../feedback';
import type { Booker, ShippingContext } from './context';
import { checkBookedDetails } from './attention';

/** The waybill a set-aside answer named, if it named one. */
function waybillOfAnswer(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const a = JSON.parse(raw) as { kind?: string; details?: { waybillNo?: unknown } };
    return a.kind === 'booked' && typeof a.details?.waybillNo === 'string' ? a.details.waybillNo : null;
  } catch {
    return null;
  }
}

/**
 * A lead picks another carrier (or books again): a live booking is cancelled at the carrier first — a booked one,
 * or one set aside whose answer named a waybill — then the box books with a new key.
 */
export async function rebook(
  shipping: Booker,
  ctx: ShippingContext,
  carrier: string,
  lead: string,
  reason: string,
): Promise<FeedbackDraft> {
  const box = ctx.pack.box;
  if (!box?.weightApproved || box.closed) throw refuse('nothing-to-book');
  if (!ctx.carriers[carrier])
    throw refuse('carrier-unknown', { carrier, known: Object.keys(ctx.carriers).join(', ') });
  const order = ctx.repos.orders.byId(ctx.pack.orderIdOfBox)!;
  const current = box.shipment;
  if (current && (current.status === 'requesting' || current.status === 'unknown'))
    throw refuse('booking-checking');
  if (current) {
    const row = ctx.repos.shipments.byId(current.id)!;
    const live =
      current.status === 'booked'
        ? current.waybillNo
        : current.status === 'attention'
          ? waybillOfAnswer(row.raw_answer)
          : null;
    if (live) {
      if (!ctx.carriers[current.carrier])
        throw refuse('cancel-elsewhere', { carrier: current.carrier, waybill: live });
      const ref = row.response
        ? (JSON.parse(row.response) as { carrierRef?: string | null }).carrierRef
        : null;
      const cancelled = await ctx.carriers[current.carrier]!.cancel(
        live,
        JSON.parse(row.request) as ShipmentRequest,
        ref,
        current.parcels.map((p) => p.waybillNo),
      );
      if (!cancelled.ok)
        throw refuse('cancel-failed', { carrier: current.carrier, waybill: live, detail: cancelled.message });
    }
    const at = ctx.now().toISOString();
    ctx.pack.record(
      box.sessionId,
      order.id,
      order.order_no,
      [
        {
          type: 'box.bookingCancelled',
          shipmentId: current.id,
          carrier: current.carrier,
          waybillNo: live,
          lead,
          reason,
        },
      ],
      () => {
        if (current.status !== 'failed') ctx.repos.shipments.result(current.id, { status: 'cancelled' }, at);
        ctx.repos.printJobs.voidPending(box.sessionId, at);
      },
    );
  }
  return shipping.book({ carrier, lead });
}

/**
 * For a booking set aside by a lead who knows the waybill (from the carrier's portal, or the answer itself): the
 * number is checked like a carrier's, refused when another shipment holds it, and the label prints.
 */
export async function enterWaybill(
  shipping: Booker,
  ctx: ShippingContext,
  waybillNo: string,
  lead: string,
  reason: string,
): Promise<FeedbackDraft> {
  const box = ctx.pack.box;
  const current = box?.shipment;
  // An order in several cartons has a number per carton: one typed number cannot label them all (book it again).
  if (!box || !current || current.status !== 'attention' || box.cartons.length > 0)
    throw refuse('waybill-by-hand');
  const number = waybillNo.trim();
  try {
    checkBookedDetails({
      carrier: current.carrier,
      service: null,
      waybillNo: number,
      markDestination: null,
      sortingCode: null,
      label: null,
    });
  } catch (err) {
    throw refuse('waybill-invalid', {
      carrier: current.carrier,
      detail: (err as Error).message.replace('the carrier answered "booked" with ', ''),
    });
  }
  const holder = ctx.repos.shipments.holderOf(current.carrier, number);
  if (holder && holder.id !== current.id)
    throw refuse('waybill-taken', {
      waybill: number,
      shipment: holder.id,
      key: holder.idempotency_key,
      status: holder.status,
    });
  const order = ctx.repos.orders.byId(ctx.pack.orderIdOfBox)!;
  const row = ctx.repos.shipments.byId(current.id)!;
  ctx.pack.record(box.sessionId, order.id, order.order_no, [
    { type: 'box.waybillEntered', shipmentId: current.id, waybillNo: number, lead, reason },
  ]);
  const d = await shipping.recordBooked(
    current.id,
    box.sessionId,
    order,
    current.carrier,
    {
      kind: 'booked',
      details: {
        carrier: current.carrier,
        service: row.service,
        waybillNo: number,
        markDestination: current.markDestination,
        sortingCode: current.sortingCode,
        label: null,
      },
    },
    row.weight_g,
    ctx.now().toISOString(),
  );
  ctx.tell(d);
  return draft('done', 'waybill-entered', { waybill: number });
}
