import type { Database } from 'better-sqlite3';
import { ContractError } from '../../shared/contract';
import {
  selectCarrier,
  type BookingOutcome,
  type CarrierAdapter,
  type CarrierRule,
  type Selection,
  type ShipmentRequest,
} from '../carriers';
import type { Config } from '../config';
import type { PrintQueue } from '../devices/printer';
import type { Log } from '../log';
import type { NewPrintJob, OrderRow, Repos } from '../store';
import { labelJob, slipJob } from './printJobs';
import { recordShipmentOutcome, shipmentRequest } from './shipments';
import { draft, type FeedbackDraft } from './feedback';
import type { PackWorkflow } from './pack';
import type { BoxState } from './workflow';

export interface ShippingContext {
  db: Database;
  repos: Repos;
  config: Config;
  pack: PackWorkflow;
  carriers: Record<string, CarrierAdapter>;
  queue: PrintQueue | null;
  log: Log;
  now: () => Date;
  /** Tells the packer (and pushes the new state) when an asynchronous carrier answer arrives. */
  tell: (d: FeedbackDraft) => void;
  /** Pushes the new state (the booking started) without a message. */
  changed: () => void;
}

const RESOLVE_EVERY_MS = 3000;

/**
 * Booking, labels and closing. The shipment row and its idempotency key are written before a carrier is called;
 * an unknown outcome is resolved by the carrier's own idempotency (query, or the same key again), never by a
 * fresh booking. The label job is queued in the same transaction that records the booking.
 */
export class Shipping {
  private inFlight = new Set<number>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly ctx: ShippingContext) {}

  start(): void {
    void this.resolveUnknown().then(() => this.bookIfDue());
    this.timer = setInterval(() => void this.resolveUnknown(), RESOLVE_EVERY_MS);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private stopped = false;

  get carrierNames(): string[] {
    return Object.keys(this.ctx.carriers);
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  choose(box: BoxState, order: OrderRow): Selection {
    const { config } = this.ctx;
    const dims = box.package ? (this.ctx.repos.packages.byCode(box.package.code)?.inner ?? null) : null;
    return selectCarrier({
      province: order.province ?? '',
      shop: order.shop,
      codCents: order.cod_cents,
      required: order.carrier_required,
      weightG: box.weighing?.grams ?? 0,
      dimsMm: dims,
      available: Object.keys(this.ctx.carriers),
      rules: config.carriers.rules as Record<string, CarrierRule>,
      shopOverride: config.carriers.shopOverride,
      remoteProvinces: config.carriers.remoteProvinces,
      fallback: config.carriers.default,
    });
  }

  /** The open box needs a carrier now (its weight was approved and nothing is booked or being booked). */
  bookIfDue(): void {
    const box = this.ctx.pack.box;
    if (!box || !box.weightApproved || box.closed) return;
    if (box.shipment && box.shipment.status !== 'failed') return;
    if (box.shipment?.status === 'failed') return; // a failed booking waits for the packer or a lead
    void this.book();
  }

  /** Books the open box, with the chosen carrier or (a lead's) `carrier`. */
  async book(opts: { carrier?: string; lead?: string } = {}): Promise<FeedbackDraft> {
    const box = this.ctx.pack.box;
    if (!box || !box.weightApproved) return draft('warn', 'no-box', {});
    if (
      box.shipment &&
      (box.shipment.status === 'requesting' ||
        box.shipment.status === 'unknown' ||
        box.shipment.status === 'booked')
    )
      return draft('warn', 'booking-in-progress', {});
    const order = this.ctx.repos.orders.byId(this.ctx.pack.orderIdOfBox)!;
    const selection = this.choose(box, order);
    const carrier = opts.carrier ?? selection.carrier;
    if (!carrier || !this.ctx.carriers[carrier]) {
      const d = draft('wrong', 'no-carrier', { reasons: selection.reasons.join('; ') });
      this.ctx.tell(d);
      return d;
    }
    const reasons =
      opts.carrier && opts.carrier !== selection.carrier
        ? [`chosen by ${opts.lead ?? 'a lead'} instead of ${selection.carrier ?? 'none'}`]
        : selection.reasons;
    const key = `${box.sessionId}-${box.bookingAttempts + 1}`;
    const request = this.request(box, order, key, carrier);
    const at = this.ctx.now().toISOString();
    let shipmentId = 0;
    const price = selection.candidates.find((c) => c.carrier === carrier)?.priceCents ?? null;
    // Key, request and the box's event on disk in one transaction, before the carrier hears of it.
    this.ctx.db.transaction(() => {
      shipmentId = this.ctx.repos.shipments.create({
        sessionId: box.sessionId,
        orderId: order.id,
        carrier,
        key,
        request,
        weightG: box.weighing?.grams ?? null,
        priceCents: price,
        choice: reasons,
        at,
      });
      this.ctx.pack.record(box.sessionId, order.id, order.order_no, [
        {
          type: 'box.booking',
          shipmentId,
          carrier,
          key,
          priceCents: price,
          reasons,
          lead: opts.lead ?? null,
        },
      ]);
    })();
    this.ctx.changed();
    return this.call(shipmentId, carrier, request, 'book');
  }

  private async call(
    shipmentId: number,
    carrier: string,
    request: ShipmentRequest,
    how: 'book' | 'recover',
  ): Promise<FeedbackDraft> {
    // In flight until the answer is on disk: closing the station waits for it.
    this.inFlight.add(shipmentId);
    let d: FeedbackDraft;
    try {
      let outcome: BookingOutcome;
      try {
        outcome = await this.ctx.carriers[carrier]![how](request);
      } catch (err) {
        outcome = { kind: 'unknown', reason: (err as Error).message };
      }
      d = await this.settle(shipmentId, carrier, outcome);
    } finally {
      this.inFlight.delete(shipmentId);
    }
    this.ctx.tell(d);
    return d;
  }

  /** Records a carrier's answer: shipment row, the box's event and (when booked) its label job, in one transaction. */
  private async settle(shipmentId: number, carrier: string, outcome: BookingOutcome): Promise<FeedbackDraft> {
    const row = this.ctx.repos.shipments.byId(shipmentId)!;
    const order = this.ctx.repos.orders.byId(row.order_id)!;
    const at = this.ctx.now().toISOString();
    const { shipments, printJobs } = this.ctx.repos;
    if (row.session_id === null) {
      // A command-line booking outside any box: the shipment row is all there is to update.
      recordShipmentOutcome(shipments, shipmentId, outcome, at);
      return draft(
        'info',
        outcome.kind === 'booked'
          ? 'booked'
          : outcome.kind === 'rejected'
            ? 'booking-failed'
            : 'booking-unknown',
        {},
      );
    }
    const sessionId = row.session_id;
    if (outcome.kind === 'booked') {
      const d = outcome.details;
      let labelJobId: number | null = null;
      const slip = slipJob(this.ctx, sessionId, order, d, row.weight_g);
      let job: NewPrintJob | null = null;
      try {
        job = await labelJob(this.ctx, sessionId, order, d, row.weight_g);
      } catch (err) {
        this.ctx.log.error(`label for ${d.waybillNo} could not be made`, err);
      }
      this.ctx.db.transaction(() => {
        recordShipmentOutcome(shipments, shipmentId, outcome, at);
        if (job) labelJobId = printJobs.add(job, at);
        if (slip) printJobs.add(slip, at);
        this.ctx.pack.record(sessionId, order.id, order.order_no, [
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
      })();
      this.ctx.queue?.kick('label');
      return draft('done', 'booked', { carrier, waybill: d.waybillNo });
    }
    if (outcome.kind === 'rejected') {
      this.ctx.pack.record(
        row.session_id,
        order.id,
        order.order_no,
        [{ type: 'box.bookingFailed', shipmentId, carrier, code: outcome.code, message: outcome.message }],
        () =>
          shipments.result(
            shipmentId,
            { status: 'rejected', error: `${outcome.code}: ${outcome.message}` },
            at,
          ),
      );
      return draft('wrong', 'booking-failed', { carrier, code: outcome.code, message: outcome.message });
    }
    this.ctx.pack.record(
      row.session_id,
      order.id,
      order.order_no,
      [{ type: 'box.bookingUnknown', shipmentId, carrier, reason: outcome.reason }],
      () => shipments.result(shipmentId, { status: 'unknown', error: outcome.reason }, at),
    );
    return draft('warn', 'booking-unknown', { carrier, reason: outcome.reason });
  }

  /** Unknown outcomes (a timeout, a crash mid-call) are asked again with the same key until the carrier says. */
  async resolveUnknown(): Promise<void> {
    for (const row of this.ctx.repos.shipments.unresolved()) {
      if (this.stopped) return;
      if (this.inFlight.has(row.id) || !this.ctx.carriers[row.carrier]) continue;
      await this.call(row.id, row.carrier, JSON.parse(row.request) as ShipmentRequest, 'recover');
    }
  }

  request(box: BoxState, order: OrderRow, key: string, carrier: string): ShipmentRequest {
    const dimsMm = box.package ? (this.ctx.repos.packages.byCode(box.package.code)?.inner ?? null) : null;
    return shipmentRequest({
      order,
      lines: this.ctx.repos.orders.linesOf(order.id),
      shipper: this.ctx.config.shipper,
      key,
      carrier,
      weightG: box.weighing?.grams ?? 0,
      dimsMm,
    });
  }

  /** The packer scans the printed label: the right waybill closes the box; another code is a swapped label. */
  scanLabel(code: string): FeedbackDraft {
    const box = this.ctx.pack.box;
    if (!box?.shipment?.waybillNo) return draft('warn', 'booking-in-progress', {});
    const order = this.ctx.repos.orders.byId(this.ctx.pack.orderIdOfBox)!;
    const expected = box.shipment.waybillNo;
    if (code.trim() !== expected) {
      this.ctx.pack.record(box.sessionId, order.id, order.order_no, [
        { type: 'label.mismatch', expected, actual: code.trim() },
      ]);
      return draft('wrong', 'label-mismatch', { expected, actual: code.trim() });
    }
    const notify = this.ctx.config.notify;
    this.ctx.pack.record(
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
          const at = this.ctx.now().toISOString();
          const payload = {
            orderNo: order.order_no,
            carrier: box.shipment!.carrier,
            waybillNo: expected,
            weightGrams: box.weighing?.grams ?? null,
            shippedAt: at,
          };
          this.ctx.db
            .prepare(
              "INSERT INTO outbox (kind, idempotency_key, payload, status, next_at, created_at) VALUES ('ship-notice', ?, ?, 'pending', ?, ?)",
            )
            .run(`ship-${box.sessionId}`, JSON.stringify(payload), at, at);
        }
      },
    );
    this.ctx.pack.clear();
    return draft('done', 'box-closed', { orderNo: order.order_no, waybill: expected });
  }

  /** A lead picks another carrier after booking: cancel at the carrier, then book with a new key. */
  async rebook(carrier: string, lead: string, reason: string): Promise<FeedbackDraft> {
    const box = this.ctx.pack.box;
    if (!box?.weightApproved || box.closed) throw new ContractError('refused', 'no weighed box to book');
    if (!this.ctx.carriers[carrier])
      throw new ContractError('refused', `carrier ${carrier} is not set up at this bench`);
    const order = this.ctx.repos.orders.byId(this.ctx.pack.orderIdOfBox)!;
    const current = box.shipment;
    if (current && (current.status === 'requesting' || current.status === 'unknown'))
      throw new ContractError('refused', 'the current booking is still being checked with the carrier');
    if (current?.status === 'booked') {
      const row = this.ctx.repos.shipments.byId(current.id)!;
      const ref = row.response
        ? (JSON.parse(row.response) as { carrierRef?: string | null }).carrierRef
        : null;
      const cancelled = await this.ctx.carriers[current.carrier]!.cancel(
        current.waybillNo!,
        JSON.parse(row.request) as ShipmentRequest,
        ref,
      );
      if (!cancelled.ok)
        throw new ContractError(
          'refused',
          `${current.carrier} did not cancel ${current.waybillNo}: ${cancelled.message}`,
        );
      const at = this.ctx.now().toISOString();
      this.ctx.pack.record(
        box.sessionId,
        order.id,
        order.order_no,
        [
          {
            type: 'box.bookingCancelled',
            shipmentId: current.id,
            carrier: current.carrier,
            waybillNo: current.waybillNo,
            lead,
            reason,
          },
        ],
        () => {
          this.ctx.repos.shipments.result(current.id, { status: 'cancelled' }, at);
          this.ctx.repos.printJobs.voidPending(box.sessionId, at);
        },
      );
    } else if (current) {
      this.ctx.pack.record(box.sessionId, order.id, order.order_no, [
        {
          type: 'box.bookingCancelled',
          shipmentId: current.id,
          carrier: current.carrier,
          waybillNo: null,
          lead,
          reason,
        },
      ]);
    }
    return this.book({ carrier, lead });
  }
}
