import {
  selectCarrier,
  type BookingOutcome,
  type CarrierRule,
  type Selection,
  type ShipmentRequest,
} from '../../carriers';
import { background } from '../../log';
import type { OrderRow } from '../../store';
import { draft, type FeedbackDraft } from '../feedback';
import { openCartonContents, type BoxState } from '../pack';
import type { CustomsDeclaration, Parcel } from '../../carriers';
import { customsFor, problemsText } from './customs';
import { adoptOrRefuse, printCustomsPapers, recordBooked } from './answers';
import { checkBookedDetails, whyNotRecorded } from './attention';
import { scanLabel } from './closing';
import type { Booker, ShippingContext } from './context';
import { enterWaybill, rebook } from './rebooking';
import { recordShipmentOutcome, shipmentRequest } from './requests';

export type { ShippingContext };

/** What the order weighs on the scale: every carton's weighing (one carton: the box's). */
const totalWeight = (box: BoxState) =>
  box.cartons.reduce((g, c) => g + c.weighing.grams, box.weighing?.grams ?? 0);

/**
 * Booking, labels and closing. The shipment row and its idempotency key are written before a carrier is called;
 * an unknown outcome is resolved by the carrier's own idempotency (query, or the same key again), never by a
 * fresh booking. The label job is queued in the same transaction that records the booking.
 */
export class Shipping implements Booker {
  private inFlight = new Set<number>();
  /** Shipments this process set aside but could not mark so on disk: left alone until the next start. */
  private readonly setAsideHere = new Set<number>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly ctx: ShippingContext) {}

  /** 跨境: the open box's last booking refused for its declaration, until it books (a restart asks again). */
  private customsRefused: { sessionId: string; problems: string } | null = null;

  customsBlockedFor(sessionId: string): string | null {
    return this.customsRefused?.sessionId === sessionId ? this.customsRefused.problems : null;
  }

  start(): void {
    background(this.ctx.log, 'resolving unknown bookings at start', () => this.resolveUnknown());
    // A parcel abroad booked just before the station stopped still owes its customs papers.
    const box = this.ctx.pack.box;
    if (box?.shipment?.status === 'booked') printCustomsPapers(this.ctx, box.shipment.id);
    this.timer = setInterval(
      () => background(this.ctx.log, 'resolving unknown bookings', () => this.resolveUnknown()),
      this.ctx.config.carriers.retryMs,
    );
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
      weightG: totalWeight(box),
      dimsMm: dims,
      available: Object.keys(this.ctx.carriers),
      rules: config.carriers.rules as Record<string, CarrierRule>,
      shopOverride: config.carriers.shopOverride,
      remoteProvinces: config.carriers.remoteProvinces,
      fallback: config.carriers.default,
    });
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
    const elsewhere = this.ctx.repos.shipments
      .liveFor(order.id)
      .filter((r) => r.session_id !== box.sessionId);
    if (elsewhere.length > 0) return adoptOrRefuse(this.ctx, box, order, elsewhere[0]!);
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
    // 跨境: an order abroad is declared and checked before the carrier hears of it; a bad declaration blocks the box.
    const customs = customsFor(this.ctx, order, carrier, box.weighing ? totalWeight(box) : 0);
    if ('problems' in customs) {
      const problems = problemsText(customs.problems);
      this.customsRefused = { sessionId: box.sessionId, problems };
      const d = draft('wrong', 'customs-blocked', { problems });
      this.ctx.tell(d);
      return d;
    }
    this.customsRefused = null;
    const key = `${box.sessionId}-${box.bookingAttempts + 1}`;
    const request = this.request(box, order, key, carrier, customs.declaration);
    const at = this.ctx.now().toISOString();
    let shipmentId = 0;
    const price = selection.candidates.find((c) => c.carrier === carrier)?.priceCents ?? null;
    // Key, request and the box's event on disk in one transaction, before the carrier hears of it.
    this.ctx.repos.transaction(() => {
      shipmentId = this.ctx.repos.shipments.create({
        sessionId: box.sessionId,
        orderId: order.id,
        carrier,
        key,
        request,
        weightG: box.weighing ? totalWeight(box) : null,
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
    });
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
      try {
        d = await this.settle(shipmentId, carrier, outcome);
      } catch (err) {
        d = this.setAside(shipmentId, carrier, outcome, err);
      }
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
    const { shipments } = this.ctx.repos;
    if (outcome.kind === 'booked') checkBookedDetails(outcome.details);
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
      return recordBooked(this.ctx, shipmentId, sessionId, order, carrier, outcome, row.weight_g, at);
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

  /** Shipment row, the box's event and its label and slip jobs, in one transaction. */
  recordBooked: Booker['recordBooked'] = (...args) => recordBooked(this.ctx, ...args);

  /**
   * A carrier answer that could not be recorded (its waybill is held by another shipment, its payload is invalid,
   * the database refused the write): the shipment is set aside for a lead with the answer as it came. Nothing is
   * retried on its own; the box shows what happened and what a lead can do.
   */
  private setAside(
    shipmentId: number,
    carrier: string,
    outcome: BookingOutcome,
    err: unknown,
  ): FeedbackDraft {
    const problem = whyNotRecorded(this.ctx.repos.shipments, carrier, outcome, err);
    this.ctx.log.error(`shipment ${shipmentId} (${carrier}) set aside: ${problem}`);
    this.setAsideHere.add(shipmentId);
    const waybill = outcome.kind === 'booked' ? outcome.details.waybillNo : '';
    try {
      const row = this.ctx.repos.shipments.byId(shipmentId)!;
      const order = this.ctx.repos.orders.byId(row.order_id)!;
      const at = this.ctx.now().toISOString();
      const raw =
        outcome.kind === 'booked' ? { ...outcome, details: { ...outcome.details, label: null } } : outcome;
      const write = () =>
        this.ctx.repos.shipments.setAside(shipmentId, { attention: problem, rawAnswer: raw }, at);
      if (row.session_id)
        this.ctx.pack.record(
          row.session_id,
          order.id,
          order.order_no,
          [{ type: 'box.bookingAttention', shipmentId, carrier, waybillNo: waybill || null, problem }],
          write,
        );
      else write();
    } catch (again) {
      // Even the note could not be written (database full or locked): this process leaves the shipment alone; the
      // next start asks the carrier again with the same key, which cannot book twice.
      this.ctx.log.error(`shipment ${shipmentId}: the set-aside note could not be written either`, again);
    }
    return draft('wrong', 'booking-attention', { carrier, waybill, problem });
  }

  /** Unknown outcomes (a timeout, a crash mid-call) are asked again with the same key until the carrier says. */
  async resolveUnknown(): Promise<void> {
    for (const row of this.ctx.repos.shipments.unresolved()) {
      if (this.stopped) return;
      if (this.inFlight.has(row.id) || this.setAsideHere.has(row.id) || !this.ctx.carriers[row.carrier])
        continue;
      // One record that cannot be processed is set aside with its reason; the others (and the start) go on.
      try {
        await this.call(row.id, row.carrier, JSON.parse(row.request) as ShipmentRequest, 'recover');
      } catch (err) {
        this.setAside(row.id, row.carrier, { kind: 'unknown', reason: 'stored request unreadable' }, err);
      }
    }
  }

  request(
    box: BoxState,
    order: OrderRow,
    key: string,
    carrier: string,
    customs: CustomsDeclaration | null = null,
  ): ShipmentRequest {
    const dimsOf = (code: string | undefined) =>
      code ? (this.ctx.repos.packages.byCode(code)?.inner ?? null) : null;
    return shipmentRequest({
      order,
      lines: this.ctx.repos.orders.linesOf(order.id),
      shipper: this.ctx.config.shipper,
      key,
      carrier,
      weightG: box.weighing?.grams ?? 0,
      dimsMm: dimsOf(box.package?.code),
      ...(box.cartons.length > 0 ? { parcels: this.parcels(box, dimsOf) } : {}),
      customs,
    });
  }

  /** One parcel per carton of an order in several: its own weight, box size and contents. */
  private parcels(
    box: BoxState,
    dimsOf: (code: string | undefined) => [number, number, number] | null,
  ): Parcel[] {
    const itemsOf = (contents: Record<string, number>) =>
      box.requirements
        .filter((r) => (contents[r.key] ?? 0) > 0)
        .map((r) => ({ name: r.name, qty: contents[r.key]!, weightG: r.unitWeightG ?? null }));
    return [
      ...box.cartons.map((c) => ({
        weightG: c.weighing.grams,
        dimsMm: dimsOf(c.package?.code),
        items: itemsOf(c.contents),
      })),
      {
        weightG: box.weighing?.grams ?? 0,
        dimsMm: dimsOf(box.package?.code),
        items: itemsOf(openCartonContents(box)),
      },
    ];
  }

  /** The packer scans the printed label: the right waybill closes the box; another code is a swapped label. */
  scanLabel(code: string): FeedbackDraft {
    return scanLabel(this.ctx, code);
  }

  /** A lead picks another carrier after booking: cancel at the carrier, then book with a new key. */
  rebook(carrier: string, lead: string, reason: string): Promise<FeedbackDraft> {
    return rebook(this, this.ctx, carrier, lead, reason);
  }

  /** A lead enters the waybill by hand for a booking that was set aside. */
  enterWaybill(waybillNo: string, lead: string, reason: string): Promise<FeedbackDraft> {
    return enterWaybill(this, this.ctx, waybillNo, lead, reason);
  }
}
