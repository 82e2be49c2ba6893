import type { Database } from 'better-sqlite3';

export const TRACK_STATUSES = [
  'collected',
  'in-transit',
  'delivering',
  'signed',
  'exception',
  'returned',
] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

export interface TrackingRow {
  waybill_no: string;
  shipment_id: number;
  carrier: string;
  status: TrackStatus | null;
  last_event_at: string | null;
  changed_at: string | null;
  checked_at: string | null;
  handed_over_at: string;
  final: number;
}

/** Why a parcel needs a person. */
export type TrackingProblem = 'not-picked-up' | 'stuck' | 'exception' | 'returned';

export interface TrackingAttention {
  waybillNo: string;
  orderNo: string;
  carrier: string;
  status: TrackStatus | null;
  problem: TrackingProblem;
  since: string;
}

/** A parcel followed, as a poll asks about it. */
export interface FollowedParcel {
  waybillNo: string;
  carrier: string;
  orderNo: string;
}

export interface TrackingEvent {
  at: string;
  status: TrackStatus | null;
  text: string;
}

/** A status change as the shop system hears it (`notify.tracking`). */
export interface TrackingNotice {
  kind: 'tracking';
  key: string;
  payload: object;
}

/**
 * Where parcels are followed: a bench's SQLite, or the warehouse's PostgreSQL (every bench's parcels, followed once).
 * What a carrier said is written with its notice in one transaction.
 */
export interface ParcelBook {
  enrolHandedOver(): Promise<number>;
  open(limit: number): Promise<FollowedParcel[]>;
  byWaybill(waybillNo: string): Promise<FollowedParcel | null>;
  record(
    waybillNo: string,
    events: TrackingEvent[],
    status: TrackStatus | null,
    at: string,
    notice: (status: TrackStatus) => TrackingNotice | null,
  ): Promise<{ changed: boolean }>;
  timeline(orderNo: string): Promise<({ waybillNo: string } & TrackingEvent)[]>;
  attention(now: Date, pickupHours: number, stuckHours: number): Promise<TrackingAttention[]>;
}

/** Parcels after handover: which to ask about, what the carriers said, and the ones a lead must chase. */
export class TrackingRepo {
  constructor(private readonly db: Database) {}

  /** Every carton handed over and not followed yet starts being followed (one row per waybill, each carton's own). */
  enrolHandedOver(): number {
    return this.db
      .prepare(
        `INSERT INTO tracking (waybill_no, shipment_id, carrier, handed_over_at)
         SELECT coalesce(p.waybill_no, s.waybill_no), s.id, s.carrier, i.scanned_at
         FROM handover_items i JOIN shipments s ON s.id = i.shipment_id
         LEFT JOIN shipment_parcels p ON p.shipment_id = i.shipment_id AND p.carton = i.carton
         WHERE s.status = 'booked' AND coalesce(p.waybill_no, s.waybill_no) IS NOT NULL
         ON CONFLICT (waybill_no) DO NOTHING`,
      )
      .run().changes;
  }

  /** Parcels still on their way, the ones asked longest ago first. */
  open(limit: number): TrackingRow[] {
    return this.db
      .prepare('SELECT * FROM tracking WHERE final = 0 ORDER BY checked_at IS NOT NULL, checked_at LIMIT ?')
      .all(limit) as TrackingRow[];
  }

  byWaybill(waybillNo: string): TrackingRow | null {
    return (
      (this.db.prepare('SELECT * FROM tracking WHERE waybill_no = ?').get(waybillNo) as
        TrackingRow | undefined) ?? null
    );
  }

  /** The carrier's events (new ones kept, known ones ignored) and the parcel's status after them. */
  record(
    waybillNo: string,
    events: { at: string; status: TrackStatus | null; text: string }[],
    status: TrackStatus | null,
    at: string,
  ): { changed: boolean } {
    const add = this.db.prepare(
      'INSERT INTO tracking_events (waybill_no, at, status, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    for (const e of events) add.run(waybillNo, e.at, e.status, e.text);
    const was = this.byWaybill(waybillNo);
    const last =
      events
        .map((e) => e.at)
        .sort()
        .at(-1) ??
      was?.last_event_at ??
      null;
    const changed = status !== null && status !== was?.status;
    this.db
      .prepare(
        `UPDATE tracking SET status = coalesce(@status, status), last_event_at = @last, checked_at = @at,
           changed_at = CASE WHEN @changed THEN @at ELSE changed_at END, final = @final WHERE waybill_no = @waybill`,
      )
      .run({
        status,
        last,
        at,
        changed: changed ? 1 : 0,
        final: status === 'signed' || status === 'returned' ? 1 : 0,
        waybill: waybillNo,
      });
    return { changed };
  }

  /** The events of an order's parcels, oldest first (a timeline per waybill). */
  timeline(orderNo: string): { waybillNo: string; at: string; status: TrackStatus | null; text: string }[] {
    return this.db
      .prepare(
        `SELECT e.waybill_no AS waybillNo, e.at, e.status, e.text FROM tracking_events e
         JOIN tracking t ON t.waybill_no = e.waybill_no JOIN shipments s ON s.id = t.shipment_id
         JOIN orders o ON o.id = s.order_id WHERE o.order_no = ? ORDER BY e.waybill_no, e.at`,
      )
      .all(orderNo) as { waybillNo: string; at: string; status: TrackStatus | null; text: string }[];
  }

  /**
   * Parcels that need a person: nothing from the carrier `pickupHours` after handover, no movement for `stuckHours`,
   * an exception, or a parcel coming back.
   */
  attention(now: Date, pickupHours: number, stuckHours: number): TrackingAttention[] {
    const before = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
    return this.db
      .prepare(
        `SELECT t.waybill_no AS waybillNo, o.order_no AS orderNo, t.carrier, t.status,
           CASE WHEN t.status = 'returned' THEN 'returned'
                WHEN t.status = 'exception' THEN 'exception'
                WHEN t.status IS NULL THEN 'not-picked-up'
                ELSE 'stuck' END AS problem,
           coalesce(t.last_event_at, t.handed_over_at) AS since
         FROM tracking t JOIN shipments s ON s.id = t.shipment_id JOIN orders o ON o.id = s.order_id
         WHERE t.status IN ('returned', 'exception')
            OR (t.status IS NULL AND t.handed_over_at < @pickup)
            OR (t.final = 0 AND t.status IS NOT NULL AND coalesce(t.last_event_at, t.handed_over_at) < @stuck)
         ORDER BY since`,
      )
      .all({ pickup: before(pickupHours), stuck: before(stuckHours) }) as TrackingAttention[];
  }
}
