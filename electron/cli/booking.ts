import type { BookingOutcome, CarrierAdapter } from '../carriers';
import type { Config } from '../config';
import type { OrderRow, Repos, ShipmentRow } from '../store';
import { checkBookedDetails, recordShipmentOutcome, shipmentRequest, whyNotRecorded } from '../station';
import { CliError } from './fail';

export interface ParcelBooking {
  kind: BookingOutcome['kind'] | 'needs-attention';
  shipmentId: number;
  key: string;
  waybillNo: string | null;
  resumed: boolean;
  message: string | null;
  text: string;
}

/** Keys of the command line's bookings: the order and the parcel, and which try after a cancel. */
const parcelKey = (orderNo: string, parcel: number) => `order-${orderNo}-p${parcel}`;
const isCliKey = (key: string) => key.startsWith('order-');

/**
 * One live waybill per parcel. A parcel that has one is refused, naming it; a call that was cut off (a crash, a
 * timeout) is resolved with its own key instead of booking again; after a cancel the next try gets a new key.
 */
export async function bookParcel(r: {
  repos: Repos;
  adapter: CarrierAdapter;
  config: Config;
  order: OrderRow;
  carrier: string;
  parcel: number;
  weightG: number;
}): Promise<ParcelBooking> {
  const { repos, order, parcel } = r;
  const base = parcelKey(order.order_no, parcel);
  const live = repos.shipments.liveFor(order.id);
  const mine = (s: ShipmentRow) =>
    s.idempotency_key.startsWith(`${base}-`) || (parcel === 1 && !isCliKey(s.idempotency_key));
  const existing = live.find(mine);
  if (existing && existing.status === 'booked')
    throw new CliError(
      `order ${order.order_no} parcel ${parcel} already has waybill ${existing.waybill_no} (${existing.carrier}); ` +
        `a second parcel needs --parcel ${nextParcel(live, order.order_no)}; to replace it, cancel it first`,
    );
  if (existing && existing.status === 'needs-attention')
    throw new CliError(
      `order ${order.order_no} parcel ${parcel} has a booking set aside for a lead (shipment ${existing.id}): ${existing.attention ?? ''}`,
    );
  if (existing && existing.carrier !== r.carrier)
    throw new CliError(
      `order ${order.order_no} parcel ${parcel} is being booked with ${existing.carrier} (${existing.idempotency_key}); ask that carrier again with --carrier ${existing.carrier}`,
    );
  let row: ShipmentRow;
  let resumed = false;
  if (existing) {
    row = existing;
    resumed = true;
  } else {
    const tries = repos.shipments.countKeys(`${base}-`);
    const key = `${base}-${tries + 1}`;
    const request = shipmentRequest({
      order,
      lines: repos.orders.linesOf(order.id),
      shipper: r.config.shipper,
      key,
      carrier: r.carrier,
      weightG: r.weightG,
      dimsMm: null,
    });
    const id = repos.shipments.create({
      sessionId: null,
      orderId: order.id,
      carrier: r.carrier,
      key,
      request,
      weightG: r.weightG,
      priceCents: null,
      choice: ['command line'],
      at: new Date().toISOString(),
    });
    row = repos.shipments.byId(id)!;
  }
  const request = JSON.parse(row.request) as Parameters<CarrierAdapter['book']>[0];
  let outcome: BookingOutcome;
  try {
    outcome = resumed ? await r.adapter.recover(request) : await r.adapter.book(request);
  } catch (err) {
    outcome = { kind: 'unknown', reason: (err as Error).message };
  }
  const at = new Date().toISOString();
  try {
    if (outcome.kind === 'booked') checkBookedDetails(outcome.details);
    recordShipmentOutcome(repos.shipments, row.id, outcome, at);
  } catch (err) {
    const problem = whyNotRecorded(repos.shipments, r.carrier, outcome, err);
    repos.shipments.setAside(row.id, { attention: problem, rawAnswer: outcome }, at);
    return {
      kind: 'needs-attention',
      shipmentId: row.id,
      key: row.idempotency_key,
      waybillNo: null,
      resumed,
      message: problem,
      text: `needs attention: ${problem}`,
    };
  }
  const waybillNo = outcome.kind === 'booked' ? outcome.details.waybillNo : null;
  const message =
    outcome.kind === 'rejected'
      ? `${outcome.code} ${outcome.message}`
      : outcome.kind === 'unknown'
        ? outcome.reason
        : null;
  return {
    kind: outcome.kind,
    shipmentId: row.id,
    key: row.idempotency_key,
    waybillNo,
    resumed,
    message,
    text:
      outcome.kind === 'booked'
        ? `booked ${waybillNo}${resumed ? ' (the earlier call had booked it)' : ''}`
        : outcome.kind === 'rejected'
          ? `rejected: ${message}`
          : `unknown: ${message} — run the same command again to ask the carrier with the same key`,
  };
}

function nextParcel(live: ShipmentRow[], orderNo: string): number {
  let n = 2;
  while (live.some((s) => s.idempotency_key.startsWith(`${parcelKey(orderNo, n)}-`))) n++;
  return n;
}
