import {
  allCounted,
  type Allocation,
  type InsertRequirement,
  type Requirement,
  type ScanResult,
} from '../../../../shared/verify';
import type { BoxOrder, BoxPackage, Envelope, ParcelNumber, ShortLine } from './events';
import type { LearnedCheck, WeightCheck } from '../../../../shared/weight';

export interface BoxShipment {
  id: number;
  carrier: string;
  status: 'requesting' | 'booked' | 'failed' | 'unknown' | 'attention';
  waybillNo: string | null;
  markDestination: string | null;
  sortingCode: string | null;
  priceCents: number | null;
  reasons: string[];
  failure: string | null;
  labelJobId: number | null;
  /** Each carton's own number when the order went in several cartons (empty for one carton). */
  parcels: ParcelNumber[];
}

/** A carton of an order in several cartons that is packed, sealed and weighed: it waits for the booking. */
export interface CartonDone {
  no: number;
  /** Units per requirement key in this carton. */
  contents: Record<string, number>;
  /** Inserts confirmed while this carton was open. */
  inserts: string[];
  package: BoxPackage | null;
  weighing: { grams: number; placement: number; check: WeightCheck };
}

export interface OkScan {
  seq: number;
  sku: string;
  allocations: Allocation[];
  serial: string | null;
}

export interface LastScan {
  seq: number;
  code: string;
  check: ScanResult;
  at: string;
}

/** One open box, folded from its events. */
export interface BoxState {
  sessionId: string;
  order: BoxOrder;
  requirements: Requirement[];
  inserts: InsertRequirement[];
  counted: Record<string, number>;
  serials: { sku: string; serial: string }[];
  /** Accepted scans, newest last: what undo takes back. */
  okScans: OkScan[];
  insertsConfirmed: string[];
  awaitingSerial: { key: string; sku: string } | null;
  /** How verification ended: all scanned, a lead's override, or a partial shipment. */
  verification: 'open' | 'complete' | 'overridden' | 'partial';
  short: ShortLine[];
  status: 'open' | 'held';
  holdReason: string | null;
  lastScan: LastScan | null;
  /** The box type chosen (its tare counts in the expected weight). */
  package: BoxPackage | null;
  /** The last weighing and its verdict. */
  weighing: { grams: number; placement: number; check: WeightCheck; learned: LearnedCheck | null } | null;
  /** In tolerance, or approved by a lead: the carrier may be booked. */
  weightApproved: boolean;
  /** The carrier booking of this box, as far as it got. */
  shipment: BoxShipment | null;
  /** Booking attempts so far: the next idempotency key is `<session>-<attempts + 1>`. */
  bookingAttempts: number;
  closed: boolean;
  /** Cartons before the open one, packed and weighed (empty while the order is in one carton). */
  cartons: CartonDone[];
  /** The open carton was sealed (PB:NEWBOX): its contents are fixed and it waits for its weight. */
  sealed: boolean;
  /** The open carton began after this event: undo reaches no further back. */
  cartonFromSeq: number;
  /** Cartons whose printed label was scanned (an order in several cartons closes with the last). */
  labelsScanned: number[];
  lastSeq: number;
  openedAt: string;
  packer: string | null;
}

const done = (box: BoxState) =>
  allCounted(box.requirements, box.counted) && box.inserts.every((i) => box.insertsConfirmed.includes(i.id));

const withVerification = (box: BoxState): BoxState =>
  box.verification === 'open' || box.verification === 'complete'
    ? { ...box, verification: done(box) ? 'complete' : 'open' }
    : box;

/**
 * The pack reducer: the box after one more event. Pure and total, so replaying a session's events at start gives
 * back exactly the box the bench had before it died.
 */
export function applyEvent(box: BoxState | null, env: Envelope): BoxState | null {
  const e = env.event;
  if (e.type === 'box.opened') {
    return {
      sessionId: env.sessionId,
      order: e.order,
      requirements: e.requirements,
      inserts: e.inserts,
      counted: {},
      serials: [],
      okScans: [],
      insertsConfirmed: [],
      awaitingSerial: null,
      verification: e.requirements.length === 0 && e.inserts.length === 0 ? 'complete' : 'open',
      short: [],
      status: 'open',
      holdReason: null,
      lastScan: null,
      package: null,
      weighing: null,
      weightApproved: false,
      shipment: null,
      bookingAttempts: 0,
      closed: false,
      cartons: [],
      sealed: false,
      cartonFromSeq: env.seq,
      labelsScanned: [],
      lastSeq: env.seq,
      openedAt: env.at,
      packer: env.packer,
    };
  }
  if (!box) return null;
  const next: BoxState = { ...box, lastSeq: env.seq };
  switch (e.type) {
    case 'box.resumed':
      return { ...next, status: 'open', holdReason: null };
    case 'scan.checked': {
      const check = e.check;
      next.lastScan = { seq: env.seq, code: e.code, check, at: env.at };
      next.awaitingSerial = check.result === 'serial-needed' ? { key: check.key, sku: check.sku } : null;
      if (check.result !== 'ok') return next;
      const counted = { ...box.counted };
      for (const a of check.allocations) counted[a.key] = (counted[a.key] ?? 0) + a.qty;
      next.counted = counted;
      next.okScans = [
        ...box.okScans,
        { seq: env.seq, sku: check.sku, allocations: check.allocations, serial: check.serial },
      ];
      if (check.serial) next.serials = [...box.serials, { sku: check.sku, serial: check.serial }];
      return withVerification(next);
    }
    case 'scan.undone': {
      const counted = { ...box.counted };
      for (const a of e.allocations) counted[a.key] = (counted[a.key] ?? 0) - a.qty;
      next.counted = counted;
      next.okScans = box.okScans.filter((s) => s.seq !== e.undoneSeq);
      if (e.serial) next.serials = box.serials.filter((s) => !(s.sku === e.sku && s.serial === e.serial));
      next.awaitingSerial = null;
      next.lastScan = null;
      return withVerification(next);
    }
    case 'insert.confirmed':
      return withVerification({ ...next, insertsConfirmed: [...box.insertsConfirmed, e.insertId] });
    case 'override.approved':
      if (e.scope === 'weight') return nextCarton({ ...next, weightApproved: true }, env.seq);
      return { ...next, verification: 'overridden', short: e.short, awaitingSerial: null };
    case 'box.package':
      return { ...next, package: e.package };
    case 'box.weighed':
      return nextCarton(
        {
          ...next,
          package: e.package,
          weighing: { grams: e.grams, placement: e.placement, check: e.check, learned: e.learned },
          weightApproved: e.check.verdict === 'ok',
        },
        env.seq,
      );
    case 'carton.sealed':
      return { ...next, sealed: true, awaitingSerial: null };
    case 'box.partial':
      return { ...next, verification: 'partial', short: e.short, awaitingSerial: null };
    case 'box.booking':
      return {
        ...next,
        bookingAttempts: box.bookingAttempts + 1,
        shipment: {
          id: e.shipmentId,
          carrier: e.carrier,
          status: 'requesting',
          waybillNo: null,
          markDestination: null,
          sortingCode: null,
          priceCents: e.priceCents,
          reasons: e.reasons,
          failure: null,
          labelJobId: null,
          parcels: [],
        },
      };
    case 'box.booked':
      return box.shipment?.id === e.shipmentId
        ? {
            ...next,
            shipment: {
              ...box.shipment,
              status: 'booked',
              waybillNo: e.waybillNo,
              markDestination: e.markDestination,
              sortingCode: e.sortingCode,
              failure: null,
              labelJobId: e.labelJobId,
              parcels: e.parcels ?? [],
            },
          }
        : next;
    case 'box.bookingFailed':
      return box.shipment?.id === e.shipmentId
        ? { ...next, shipment: { ...box.shipment, status: 'failed', failure: `${e.code}: ${e.message}` } }
        : next;
    case 'box.bookingUnknown':
      return box.shipment?.id === e.shipmentId
        ? { ...next, shipment: { ...box.shipment, status: 'unknown', failure: e.reason } }
        : next;
    case 'box.bookingAttention':
      return box.shipment?.id === e.shipmentId
        ? { ...next, shipment: { ...box.shipment, status: 'attention', failure: e.problem } }
        : next;
    case 'box.waybillEntered':
      return box.shipment?.id === e.shipmentId
        ? {
            ...next,
            shipment: { ...box.shipment, status: 'booked', waybillNo: e.waybillNo, failure: null },
          }
        : next;
    case 'box.bookingCancelled':
      return box.shipment?.id === e.shipmentId ? { ...next, shipment: null } : next;
    case 'label.mismatch':
      return next;
    case 'label.scanned':
      return { ...next, labelsScanned: [...box.labelsScanned, e.carton] };
    case 'box.closed':
      return { ...next, closed: true };
    case 'box.held':
      return { ...next, status: 'held', holdReason: e.reason };
  }
}

/** Units per requirement key in the cartons already done. */
export function packedBefore(box: Pick<BoxState, 'cartons'>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of box.cartons) for (const [k, n] of Object.entries(c.contents)) sum[k] = (sum[k] ?? 0) + n;
  return sum;
}

/** Units per requirement key in the open carton: what was counted less what the cartons before took. */
export function openCartonContents(box: Pick<BoxState, 'cartons' | 'counted'>): Record<string, number> {
  const before = packedBefore(box);
  const here: Record<string, number> = {};
  for (const [k, n] of Object.entries(box.counted)) {
    const left = n - (before[k] ?? 0);
    if (left > 0) here[k] = left;
  }
  return here;
}

/** Inserts confirmed while the open carton was open. */
export function openCartonInserts(box: Pick<BoxState, 'cartons' | 'insertsConfirmed'>): string[] {
  const before = new Set(box.cartons.flatMap((c) => c.inserts));
  return box.insertsConfirmed.filter((i) => !before.has(i));
}

/** The carton being packed or weighed now (1 while the order is in one carton). */
export const cartonNo = (box: Pick<BoxState, 'cartons'>): number => box.cartons.length + 1;

/**
 * A sealed carton whose weight is approved is done: it joins the cartons before, and the next one opens empty (its
 * own box type, its own weighing). The last carton is never sealed: its weight goes on to the booking.
 */
function nextCarton(box: BoxState, seq: number): BoxState {
  if (!box.sealed || !box.weightApproved || !box.weighing) return box;
  const done: CartonDone = {
    no: cartonNo(box),
    contents: openCartonContents(box),
    inserts: openCartonInserts(box),
    package: box.package,
    weighing: { grams: box.weighing.grams, placement: box.weighing.placement, check: box.weighing.check },
  };
  return {
    ...box,
    cartons: [...box.cartons, done],
    sealed: false,
    package: null,
    weighing: null,
    weightApproved: false,
    cartonFromSeq: seq,
  };
}

export function replay(events: readonly Envelope[]): BoxState | null {
  return events.reduce<BoxState | null>(applyEvent, null);
}

/** What is still missing: requirements short of their count. */
export function shortLines(box: BoxState): ShortLine[] {
  return box.requirements
    .map((r) => ({ key: r.key, sku: r.sku, missing: r.required - (box.counted[r.key] ?? 0) }))
    .filter((s) => s.missing > 0);
}
