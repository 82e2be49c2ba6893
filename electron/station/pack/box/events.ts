import type { Allocation, InsertRequirement, Requirement, ScanResult } from '../../../../shared/verify';
import type { LearnedCheck, WeightCheck } from '../../../../shared/weight';
import type { OpenedVia } from '../../../store';

export interface BoxOrder {
  id: number;
  orderNo: string;
  shop: string | null;
  receiverName: string | null;
  city: string | null;
  note: string | null;
}

/** Everything that happens to a box. Each is appended to `events` before anything acts on it. */
export type PackEvent =
  | {
      type: 'box.opened';
      order: BoxOrder;
      requirements: Requirement[];
      inserts: InsertRequirement[];
      via: OpenedVia;
      code: string;
    }
  | { type: 'box.resumed'; stationId: string }
  | {
      type: 'scan.checked';
      code: string;
      symbology: string | null;
      check: ScanResult;
      batch: string | null;
      expiry: string | null;
    }
  | { type: 'scan.undone'; undoneSeq: number; sku: string; allocations: Allocation[]; serial: string | null }
  | { type: 'insert.confirmed'; insertId: string; via: 'scan' | 'confirm' }
  | {
      type: 'override.approved';
      lead: string;
      reasonCode: string;
      comment: string | null;
      short: ShortLine[];
      /** What the lead approved: missing items (verification, the default) or a weight out of tolerance. */
      scope?: 'verification' | 'weight';
    }
  | { type: 'box.package'; package: BoxPackage }
  /** PB:NEWBOX: what is in the open carton is its contents now; it goes on the scale, the next carton follows. */
  | { type: 'carton.sealed'; carton: number }
  | {
      type: 'box.weighed';
      grams: number;
      placement: number;
      package: BoxPackage | null;
      check: WeightCheck;
      learned: LearnedCheck | null;
      /** The box's SKUs and quantities (skuSetKey), for the learned check's history. */
      skuSet: string;
    }
  | {
      type: 'box.booking';
      shipmentId: number;
      carrier: string;
      key: string;
      priceCents: number | null;
      reasons: string[];
      lead: string | null;
    }
  | {
      type: 'box.booked';
      shipmentId: number;
      carrier: string;
      waybillNo: string;
      markDestination: string | null;
      sortingCode: string | null;
      labelJobId: number | null;
      /** One order in several cartons: each carton's own number (carton 1 carries the master number). */
      parcels?: ParcelNumber[];
    }
  | { type: 'box.bookingFailed'; shipmentId: number; carrier: string; code: string; message: string }
  | { type: 'box.bookingUnknown'; shipmentId: number; carrier: string; reason: string }
  /** The carrier answered, but the answer could not be recorded: set aside for a lead. */
  | {
      type: 'box.bookingAttention';
      shipmentId: number;
      carrier: string;
      waybillNo: string | null;
      problem: string;
    }
  /** A lead entered the waybill by hand for a shipment that was set aside. */
  | { type: 'box.waybillEntered'; shipmentId: number; waybillNo: string; lead: string; reason: string }
  | {
      type: 'box.bookingCancelled';
      shipmentId: number;
      carrier: string;
      waybillNo: string | null;
      lead: string;
      reason: string;
    }
  | { type: 'label.mismatch'; expected: string; actual: string }
  /** One carton's printed label scanned (an order in several cartons closes when every carton's is). */
  | { type: 'label.scanned'; carton: number; waybillNo: string }
  | { type: 'box.closed'; waybillNo: string; weightG: number | null; partial: boolean }
  | { type: 'box.partial'; reason: string; short: ShortLine[] }
  | { type: 'box.held'; reason: string };

export interface BoxPackage {
  code: string;
  name: string;
  tareG: number;
}

/** A carton's own waybill number in a booking of several cartons. */
export interface ParcelNumber {
  carton: number;
  waybillNo: string;
  weightG: number | null;
}

export interface ShortLine {
  key: string;
  sku: string;
  missing: number;
}

export type PackEventType = PackEvent['type'];

/** Every event type, for those who name them (the lead's timeline words each one); the compiler keeps it complete. */
export const PACK_EVENT_TYPES = [
  'box.opened',
  'box.resumed',
  'scan.checked',
  'scan.undone',
  'insert.confirmed',
  'override.approved',
  'box.package',
  'carton.sealed',
  'box.weighed',
  'box.booking',
  'box.booked',
  'box.bookingFailed',
  'box.bookingUnknown',
  'box.bookingAttention',
  'box.waybillEntered',
  'box.bookingCancelled',
  'label.mismatch',
  'label.scanned',
  'box.closed',
  'box.partial',
  'box.held',
] as const satisfies readonly PackEventType[];
// A type added to PackEvent and not to the list fails here.
const complete: Exclude<PackEventType, (typeof PACK_EVENT_TYPES)[number]> extends never ? true : false = true;
void complete;

/** An event as stored: who, where, when, and its place in the session. */
export interface Envelope<E extends PackEvent = PackEvent> {
  sessionId: string;
  seq: number;
  at: string;
  packer: string | null;
  stationId: string;
  event: E;
}
