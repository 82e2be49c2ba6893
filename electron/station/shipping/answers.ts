import type { ShipmentDetails, ShipmentRequest } from '../../carriers';
import { background } from '../../log';
import type { NewPrintJob, OrderRow, ShipmentRow } from '../../store';
import { draft, type FeedbackDraft } from '../feedback';
import type { BoxState } from '../pack';
import { customsJobs, customsPaperOf, labelJob, slipJob, type CartonOnLabel } from '../printing';
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
  // One order in several cartons: a face sheet (and a slip) per carton, each with its own number and contents, as
  // the booking asked for them.
  const request = JSON.parse(shipments.byId(shipmentId)?.request ?? '{}') as Partial<ShipmentRequest>;
  const asked = request.parcels;
  const cartons = d.parcels && d.parcels.length > 1 ? d.parcels : null;
  const pieces = cartons
    ? cartons.map((p, i) => ({
        details: { ...d, waybillNo: p.waybillNo, label: p.label },
        weightG: asked?.[i]?.weightG ?? null,
        carton: {
          no: i + 1,
          of: cartons.length,
          master: d.waybillNo,
          items: asked?.[i]?.items.map(({ name, qty }) => ({ name, qty })) ?? [],
        } satisfies CartonOnLabel,
      }))
    : [{ details: d, weightG, carton: undefined }];
  const slips = pieces.map((p) => slipJob(ctx, sessionId, order, p.details, p.weightG, p.carton));
  const jobs: NewPrintJob[] = [];
  for (const p of pieces)
    try {
      const job = await labelJob(ctx, sessionId, order, p.details, p.weightG, p.carton);
      if (job) jobs.push(job);
    } catch (err) {
      ctx.log.error(`label for ${p.details.waybillNo} could not be made`, err);
    }
  ctx.repos.transaction(() => {
    recordShipmentOutcome(shipments, shipmentId, outcome, at);
    for (const job of jobs) {
      const id = printJobs.add(job, at);
      labelJobId ??= id;
    }
    for (const slip of slips) if (slip) printJobs.add(slip, at);
    ctx.pack.record(sessionId, order.id, order.order_no, [
      {
        type: 'box.booked',
        shipmentId,
        carrier,
        waybillNo: d.waybillNo,
        markDestination: d.markDestination,
        sortingCode: d.sortingCode,
        labelJobId,
        ...(cartons
          ? {
              parcels: pieces.map((p) => ({
                carton: p.carton!.no,
                waybillNo: p.details.waybillNo,
                weightG: p.weightG,
              })),
            }
          : {}),
      },
    ]);
  });
  printCustomsPapers(ctx, shipmentId);
  return draft('done', 'booked', { carrier, waybill: d.waybillNo });
}

/**
 * 跨境: a booked parcel abroad's CN22/CN23 and commercial invoices, drawn off the face sheet's path (a PDF each) and
 * queued after it; Shopee's own document carries its declaration. Owed papers are kept in mind by the print jobs
 * themselves: a station that died before they were queued draws them at its next start (see Shipping.start).
 */
export function printCustomsPapers(ctx: ShippingContext, shipmentId: number): void {
  const row = ctx.repos.shipments.byId(shipmentId);
  const customs = row ? (JSON.parse(row.request) as Partial<ShipmentRequest>).customs : undefined;
  if (!row?.waybill_no || !row.session_id || !customs || row.carrier === 'shopee') return;
  const { waybill_no: waybillNo, session_id: sessionId } = row;
  if (ctx.repos.printJobs.forSession(sessionId).some((j) => j.kind === 'customs' || j.kind === 'invoice'))
    return;
  const order = ctx.repos.orders.byId(row.order_id)!;
  background(ctx.log, `customs papers for ${waybillNo}`, async () => {
    const paper = customsPaperOf(ctx.config, order, customs, {
      carrier: row.carrier,
      waybillNo,
      grossWeightG: row.weight_g ?? 0,
      date: ctx.now(),
    });
    const papers = await customsJobs(ctx.config, ctx.labels, sessionId, paper);
    if (!ctx.repos.isOpen()) return;
    const now = ctx.now().toISOString();
    ctx.repos.transaction(() => papers.forEach((job) => ctx.repos.printJobs.add(job, now)));
    ctx.printLater(['label', 'slip']);
  });
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
