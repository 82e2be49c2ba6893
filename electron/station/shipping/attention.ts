import type { BookingOutcome, ShipmentDetails } from '../../carriers';
import type { Repos } from '../../store';

/** A waybill number as carriers issue them: letters, digits and dashes. Anything else is not recorded. */
const WAYBILL = /^[A-Za-z0-9-]{4,40}$/;

export class InvalidCarrierAnswer extends Error {}

/** A booked answer is recorded only if it names a usable waybill number. */
export function checkBookedDetails(d: ShipmentDetails): void {
  if (typeof d.waybillNo !== 'string' || !WAYBILL.test(d.waybillNo))
    throw new InvalidCarrierAnswer(
      `the carrier answered "booked" with an unusable waybill number ${JSON.stringify(d.waybillNo)}`,
    );
  const cartons = (d.parcels ?? []).map((p) => p.waybillNo);
  const bad = cartons.find((n) => typeof n !== 'string' || !WAYBILL.test(n));
  if (bad !== undefined)
    throw new InvalidCarrierAnswer(
      `the carrier answered "booked" with an unusable carton waybill number ${JSON.stringify(bad)}`,
    );
  if (new Set(cartons).size !== cartons.length)
    throw new InvalidCarrierAnswer(
      `the carrier answered "booked" with one number for two cartons (${cartons.join(', ')})`,
    );
}

/** Why a carrier's answer could not be recorded, in words a lead reads. */
export function whyNotRecorded(
  shipments: Repos['shipments'],
  carrier: string,
  outcome: BookingOutcome,
  err: unknown,
): string {
  if (err instanceof InvalidCarrierAnswer) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  if (
    outcome.kind === 'booked' &&
    /UNIQUE constraint failed: shipments\.carrier, shipments\.waybill_no/.test(message)
  ) {
    const holder = shipments.holderOf(carrier, outcome.details.waybillNo);
    return holder
      ? `${carrier} gave waybill ${outcome.details.waybillNo}, which shipment ${holder.id} (${holder.idempotency_key}, ${holder.status}) already holds`
      : `${carrier} gave waybill ${outcome.details.waybillNo}, which is already recorded`;
  }
  if (/SQLITE_BUSY|database is locked/i.test(message)) return `the database was busy: ${message}`;
  if (/SQLITE_FULL|disk is full|database or disk is full/i.test(message))
    return `the disk is full: ${message}`;
  return `the carrier's answer could not be recorded: ${message}`;
}
