import { randomUUID } from 'node:crypto';
import type { Feedback } from '../../../shared/contract';
import { isGs1Symbology, readSplitScan, type ScanCommand, type ScanReading } from '../../../shared/scan';
import { verifyScan } from '../../../shared/verify';
import { checkWeight, learnedCheck, skuSetKey, suggestBox, type PackageType } from '../../../shared/weight';
import type { Repos } from '../../store';
import { draft, scanFeedback, type FeedbackDraft } from '../feedback';
import { project } from './projections';
import { insertsOf, itemOf, requirementsOf, scanFacts } from './contents';
import type { PackContext } from './context';
import { PackModes } from './modes';

export type { PackContext };
import {
  applyEvent,
  cartonNo,
  openCartonContents,
  openCartonInserts,
  replay,
  shortLines,
  type BoxState,
  type Envelope,
  type PackEvent,
} from './box';

/** YYYY-MM-DD in the bench's own time zone: an expiry date is a local date. */
const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The pack workflow of one bench: turns scans and actions into events, stores each event with its projections in one
 * transaction, then folds it into the box. Nothing reaches the box (or the packer's screen) that is not on disk.
 */
export class PackWorkflow {
  private current: BoxState | null = null;
  private orderId = 0;
  /** Order-first or item-first, and the wave item scans fill. */
  readonly modes: PackModes;

  constructor(private readonly ctx: PackContext) {
    this.modes = new PackModes(ctx);
    const open = ctx.repos.sessions.openAt(ctx.stationId);
    if (open) {
      try {
        const box = replay(this.toEnvelopes(ctx.repos.sessions.events(open.id)));
        if (!box || typeof box.order?.orderNo !== 'string' || !Array.isArray(box.requirements))
          throw new Error('its events do not make a box');
        this.current = box;
        this.orderId = open.order_id;
      } catch (err) {
        // One box that cannot be replayed must not keep the bench from starting: it is set aside, its order held with
        // the reason, so a lead sees it on the Orders page and can release it to be packed again.
        this.current = null;
        const at = ctx.now().toISOString();
        const reason = `box ${open.id} could not be resumed: ${(err as Error).message}`.slice(0, 200);
        ctx.repos.transaction(() => {
          ctx.repos.sessions.setStatus(open.id, 'abandoned', at);
          ctx.repos.orders.setStatus(open.order_id, 'held', reason, at);
        });
        ctx.log?.error(reason);
      }
    }
  }

  get box(): BoxState | null {
    return this.current;
  }

  private toEnvelopes(stored: ReturnType<Repos['sessions']['events']>): Envelope[] {
    return stored.map((s) => ({
      sessionId: s.sessionId,
      seq: s.seq,
      at: s.at,
      packer: s.packer,
      stationId: s.stationId,
      event: s.payload as PackEvent,
    }));
  }

  /** Appends events to a session (the open box's or another) with their projections; `also` runs in the same transaction. */
  record(
    sessionId: string,
    orderId: number,
    orderNo: string,
    events: PackEvent[],
    also?: (envelopes: Envelope[]) => void,
  ): void {
    this.append(sessionId, orderId, orderNo, events, { also, fold: this.current?.sessionId === sessionId });
  }

  get orderIdOfBox(): number {
    return this.orderId;
  }

  /** The closed box leaves the bench. */
  clear(): void {
    this.current = null;
  }

  /** Events for the open (or a newly opened) box: stored, then folded into it. */
  private commit(
    sessionId: string,
    orderId: number,
    orderNo: string,
    events: PackEvent[],
    before?: () => void,
  ): void {
    this.append(sessionId, orderId, orderNo, events, { before, fold: true });
  }

  /**
   * Appends events atomically with their projections; only then, when `fold`, does the box change — nothing reaches
   * the box (or the packer's screen) that is not on disk.
   */
  private append(
    sessionId: string,
    orderId: number,
    orderNo: string,
    events: PackEvent[],
    opts: { before?: () => void; also?: (envelopes: Envelope[]) => void; fold: boolean },
  ): void {
    const at = this.ctx.now().toISOString();
    let seq =
      this.current?.sessionId === sessionId
        ? this.current.lastSeq
        : this.ctx.repos.sessions.maxSeq(sessionId);
    const envelopes: Envelope[] = events.map((event) => ({
      sessionId,
      seq: ++seq,
      at,
      packer: this.ctx.packer(),
      stationId: this.ctx.stationId,
      event,
    }));
    this.ctx.repos.transaction(() => {
      opts.before?.();
      for (const env of envelopes) {
        this.ctx.repos.sessions.append({
          sessionId,
          seq: env.seq,
          type: env.event.type,
          payload: env.event,
          at,
          packer: env.packer,
          stationId: env.stationId,
        });
        project(this.ctx.repos, env, orderId, orderNo);
      }
      opts.also?.(envelopes);
    });
    if (!opts.fold) {
      this.ctx.committed?.(sessionId, null, null, events);
      return;
    }
    const before = this.current?.sessionId === sessionId ? this.current : null;
    let box = before;
    for (const env of envelopes) box = applyEvent(box, env);
    this.current = box;
    this.orderId = orderId;
    this.ctx.committed?.(sessionId, before, box, events);
  }

  /** A scan as the workflow reads it: a command, a GS1 element string, or a plain code. */
  read(scan: { code: string; symbology: string | null }): ScanReading {
    return readSplitScan(
      { data: scan.code, symbology: scan.symbology, gs1: isGs1Symbology(scan.symbology) },
      this.ctx.config.scan.gsSubstitute,
    );
  }

  /** Any scan while a packer is logged in; its AIM identifier was read at the edge. */
  scan(scan: { code: string; symbology: string | null }): FeedbackDraft {
    const reading = this.read(scan);
    if (reading.kind === 'command') return this.command(reading.command);
    const box = this.current;
    if (!box) return this.modes.mode === 'item-first' ? this.fillByItem(reading) : this.open(reading.code);
    const pkg = this.ctx.repos.packages.byCode(reading.code);
    if (pkg && !box.weightApproved) return this.setPackage(pkg.code);
    // A sealed carton is on its way to the scale: nothing more goes into it, and the next carton is not open yet.
    if (box.sealed) return draft('warn', 'carton-waiting-weight', { carton: cartonNo(box) });
    if (box.weightApproved || box.verification !== 'open') {
      // An item scanned into a complete box is an over-scan (or a wrong item) at any step, and logged as one.
      const isItem = scanFacts(this.ctx, box, reading, (sku) => this.nameOf(sku)).kind === 'product';
      if (isItem && box.verification === 'complete') return this.checkItem(box, reading);
      return box.weightApproved
        ? draft('warn', 'box-waiting-booking', { orderNo: box.order.orderNo })
        : draft('warn', 'box-waiting-weight', { orderNo: box.order.orderNo });
    }
    return this.checkItem(box, reading);
  }

  private checkItem(box: BoxState, reading: ScanReading): FeedbackDraft {
    if (reading.kind === 'command') return this.command(reading.command);
    const code = reading.code;
    const insert = box.inserts.find((i) => i.barcode === code && !box.insertsConfirmed.includes(i.id));
    if (insert) {
      this.commit(box.sessionId, this.orderId, box.order.orderNo, [
        { type: 'insert.confirmed', insertId: insert.id, via: 'scan' },
      ]);
      return this.current!.verification === 'complete'
        ? draft('done', 'box-verified', {})
        : draft('ok', 'insert-ok', { name: insert.name });
    }
    const facts = scanFacts(this.ctx, box, reading, (sku) => this.nameOf(sku));
    const check = verifyScan(
      {
        requirements: box.requirements,
        counted: box.counted,
        boxSerials: box.serials,
        awaitingSerialFor: box.awaitingSerial?.key ?? null,
        today: localDate(this.ctx.now()),
      },
      facts,
    );
    const gs1 = reading.kind === 'gs1' ? reading.gs1 : null;
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [
      {
        type: 'scan.checked',
        code,
        symbology: reading.symbology,
        check,
        batch: gs1?.batch ?? null,
        expiry: gs1?.expiry ?? null,
      },
    ]);
    return scanFeedback(check, (sku) => this.nameOf(sku), this.current!.verification === 'complete');
  }

  private nameOf(sku: string): string {
    return (
      this.current?.requirements.find((r) => r.sku === sku)?.name ??
      this.ctx.repos.products.bySku(sku)?.name ??
      sku
    );
  }

  /**
   * Item-first, no box open: an order's code still opens it (a pick list or tote with single-item orders waiting
   * names the wave instead); an item chooses the single-item order it fills and opens it with the item checked.
   */
  fillByItem(reading: ScanReading): FeedbackDraft {
    if (reading.kind === 'command') return this.command(reading.command);
    const { orders } = this.ctx.repos;
    const found = orders.findByCode(reading.code);
    if (found) {
      const wave = (found.via === 'tote' || found.via === 'pickList') && orders.waveHasSingles(reading.code);
      return wave ? this.modes.setWave(reading.code) : this.open(reading.code);
    }
    const item = itemOf(this.ctx, reading);
    if (!item) return draft('unknown', 'unknown-barcode', { code: reading.code });
    // A case pack is several units: never the one unit a single-item order is.
    const order =
      item.qty === 1 ? orders.nextSingle(item.sku, this.modes.wave(), this.ctx.now().toISOString()) : null;
    return order ? this.openWithItem(order.order_no, reading) : this.modes.noOrder(item, reading.code);
  }

  /** Item-first: the order chosen (in a warehouse, claimed) for an item opens with that item already checked in. */
  openWithItem(orderNo: string, reading: ScanReading): FeedbackDraft {
    const opened = this.open(orderNo);
    const box = this.current;
    if (!box || box.order.orderNo !== orderNo || reading.kind === 'command') return opened;
    const checked = this.checkItem(box, reading);
    if (checked.tone !== 'ok' && checked.tone !== 'done') return checked;
    return draft(checked.tone, 'item-first-opened', { ...checked.params, orderNo });
  }

  /** Whether this bench already holds a box of the order a code names (open, or set aside here). */
  resumableHere(code: string): boolean {
    const found = this.ctx.repos.orders.findByCode(code);
    const last = found ? this.ctx.repos.sessions.latestFor(found.order.id) : null;
    return (
      !!last && last.station_id === this.ctx.stationId && (last.status === 'open' || last.status === 'held')
    );
  }

  /** Opens a box by order no., pre-printed waybill no., tote id or pick-list barcode. */
  open(code: string): FeedbackDraft {
    const { orders, sessions } = this.ctx.repos;
    const found = orders.findByCode(code);
    if (!found) return draft('unknown', 'order-unknown', { code });
    const { order, via } = found;
    if (order.status === 'held' || order.status === 'cancelled')
      return draft('wrong', 'order-held', {
        orderNo: order.order_no,
        reason: order.hold_reason ?? order.status,
      });
    if (order.status === 'packed' || order.status === 'partial') {
      return draft('warn', 'order-packed', {
        orderNo: order.order_no,
        at: order.packed_at ?? '',
        by: order.packed_by ?? '',
      });
    }
    const last = sessions.latestFor(order.id);
    if (last?.status === 'open' && last.station_id !== this.ctx.stationId)
      return draft('warn', 'order-open-elsewhere', { orderNo: order.order_no, station: last.station_id });
    if (last?.status === 'held') {
      this.current = replay(this.toEnvelopes(sessions.events(last.id)));
      this.commit(last.id, order.id, order.order_no, [
        { type: 'box.resumed', stationId: this.ctx.stationId },
      ]);
      return draft('info', 'box-resumed', { orderNo: order.order_no });
    }
    const sessionId = randomUUID();
    const event: PackEvent = {
      type: 'box.opened',
      order: {
        id: order.id,
        orderNo: order.order_no,
        shop: order.shop,
        receiverName: order.receiver_name,
        city: order.city,
        note: order.note,
      },
      requirements: requirementsOf(this.ctx, order),
      inserts: insertsOf(this.ctx, order),
      via,
      code,
    };
    this.current = null;
    this.commit(sessionId, order.id, order.order_no, [event], () =>
      sessions.create({
        id: sessionId,
        orderId: order.id,
        stationId: this.ctx.stationId,
        packer: this.ctx.packer(),
        at: this.ctx.now().toISOString(),
      }),
    );
    return draft('info', 'box-opened', { orderNo: order.order_no, via });
  }

  command(c: ScanCommand): FeedbackDraft {
    switch (c.command) {
      case 'undo':
        return this.undo();
      case 'confirm':
        return this.confirmInsert();
      case 'hold':
        return this.hold(c.reason);
      case 'partial':
        return this.partial(c.reason);
      case 'logout':
        return draft('info', 'logout', {});
      case 'newbox':
        return this.newCarton();
      case 'mode':
        // A box already open goes on as it started; the new mode starts the next one.
        return this.modes.set(c.mode);
    }
  }

  /**
   * PB:NEWBOX: the open carton's contents are what is in it now; it goes on the scale as its own placement, and the
   * order goes on in the next carton. A carton with nothing in it is not a carton; with every item in, there is
   * nothing left for another.
   */
  newCarton(): FeedbackDraft {
    const box = this.current;
    if (!box) return draft('warn', 'no-box', {});
    const carton = cartonNo(box);
    if (box.sealed) return draft('warn', 'carton-waiting-weight', { carton });
    if (box.verification !== 'open') return draft('warn', 'carton-all-in', { carton });
    if (Object.keys(openCartonContents(box)).length === 0) return draft('warn', 'carton-empty', { carton });
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [{ type: 'carton.sealed', carton }]);
    return draft('info', 'carton-sealed', { carton, next: carton + 1 });
  }

  undo(): FeedbackDraft {
    const box = this.current;
    const last = box?.okScans.at(-1);
    // Undo reaches into the open carton only: a sealed or weighed carton keeps what it was weighed with.
    if (!box || !last || box.sealed || last.seq <= box.cartonFromSeq)
      return draft('warn', 'nothing-to-undo', {});
    if (box.verification === 'overridden' || box.verification === 'partial')
      return draft('warn', 'nothing-to-undo', {});
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [
      {
        type: 'scan.undone',
        undoneSeq: last.seq,
        sku: last.sku,
        allocations: last.allocations,
        serial: last.serial,
      },
    ]);
    return draft('info', 'undone', { sku: last.sku, name: this.nameOf(last.sku) });
  }

  confirmInsert(insertId?: string): FeedbackDraft {
    const box = this.current;
    if (!box) return draft('warn', 'no-box', {});
    const insert = box.inserts.find(
      (i) => !box.insertsConfirmed.includes(i.id) && (insertId === undefined || i.id === insertId),
    );
    if (!insert) return draft('warn', 'no-insert', {});
    if (box.sealed) return draft('warn', 'carton-waiting-weight', { carton: cartonNo(box) });
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [
      { type: 'insert.confirmed', insertId: insert.id, via: 'confirm' },
    ]);
    return this.current!.verification === 'complete'
      ? draft('done', 'box-verified', {})
      : draft('ok', 'insert-ok', { name: insert.name });
  }

  hold(reason: string): FeedbackDraft {
    const box = this.current;
    if (!box) return draft('warn', 'no-box', {});
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [{ type: 'box.held', reason }]);
    this.current = null;
    return draft('warn', 'box-held', { orderNo: box.order.orderNo, reason });
  }

  partial(reason: string): FeedbackDraft {
    const box = this.current;
    if (!box) return draft('warn', 'no-box', {});
    if (box.verification !== 'open' || box.sealed)
      return draft('warn', 'box-waiting-weight', { orderNo: box.order.orderNo });
    if (box.okScans.length === 0) return draft('warn', 'partial-empty', {});
    const short = shortLines(box);
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [{ type: 'box.partial', reason, short }]);
    return draft('warn', 'box-partial', {
      orderNo: box.order.orderNo,
      missing: short.reduce((n, s) => n + s.missing, 0),
      reason,
    });
  }

  /** A lead approves what blocks the box now: missing items while verifying, a weight out of tolerance after. */
  override(lead: string, reasonCode: string, comment: string | null): FeedbackDraft {
    const box = this.current;
    if (!box) return draft('warn', 'no-box', {});
    if (box.verification === 'open' && !box.sealed) {
      this.commit(box.sessionId, this.orderId, box.order.orderNo, [
        {
          type: 'override.approved',
          lead,
          reasonCode,
          comment,
          short: shortLines(box),
          scope: 'verification',
        },
      ]);
      return draft('done', 'override-approved', { lead, reason: reasonCode });
    }
    if (!box.weighing || box.weightApproved) return draft('warn', 'no-override', {});
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [
      { type: 'override.approved', lead, reasonCode, comment, short: [], scope: 'weight' },
    ]);
    return draft('done', 'weight-approved', { lead, reason: reasonCode, grams: box.weighing.grams });
  }

  /** The box type the packer scanned or tapped; a weight already taken is checked again with its tare. */
  setPackage(code: string): FeedbackDraft {
    const box = this.current;
    if (!box) return draft('warn', 'no-box', {});
    const pkg = this.ctx.repos.packages.byCode(code);
    if (!pkg) return draft('unknown', 'unknown-barcode', { code });
    const chosen = { code: pkg.code, name: pkg.name, tareG: pkg.tareG };
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [{ type: 'box.package', package: chosen }]);
    if (box.weighing && !box.weightApproved) return this.weigh(box.weighing.grams, box.weighing.placement);
    return draft('info', 'package-set', { name: pkg.name, tare: pkg.tareG });
  }

  /** The smallest box type that fits what is in the (open) carton. */
  suggestedPackage(box: BoxState): PackageType | null {
    const inCarton = openCartonContents(box);
    const items = box.requirements.map((r) => ({ dims: r.dimsMm ?? null, qty: inCarton[r.key] ?? 0 }));
    return suggestBox(items, this.ctx.repos.packages.list());
  }

  /**
   * What the open carton should weigh now: its items, the chosen (else suggested) box's tare and its inserts. An order
   * in one carton: the whole box.
   */
  expectedWeight(box: BoxState, actualG = 0) {
    const pkg = box.package ?? this.suggestedPackage(box);
    const inCarton = openCartonContents(box);
    const lines = box.requirements.map((r) => ({
      sku: r.sku,
      qty: inCarton[r.key] ?? 0,
      unitWeightG: r.unitWeightG,
      category: r.category ?? null,
    }));
    const inserts = openCartonInserts(box);
    const insertsG = box.inserts.filter((i) => inserts.includes(i.id)).reduce((g, i) => g + i.weightG, 0);
    const { weight } = this.ctx.config;
    return {
      pkg,
      lines,
      check: checkWeight({ lines, tareG: pkg?.tareG ?? 0, insertsG, actualG, rules: weight }),
    };
  }

  /** A stable weight of a fresh placement, while the box (or its sealed carton) waits for one. */
  weigh(grams: number, placement: number): FeedbackDraft {
    const box = this.current;
    if (!box || !waitsForWeight(box)) return draft('warn', 'no-box', {});
    const { pkg, lines, check } = this.expectedWeight(box, grams);
    const skuSet = skuSetKey(lines);
    const learned =
      check.verdict === 'ok'
        ? learnedCheck(this.ctx.repos.sessions.weightHistory(skuSet, box.sessionId), grams)
        : null;
    const chosen = pkg ? { code: pkg.code, name: pkg.name, tareG: pkg.tareG } : null;
    this.commit(box.sessionId, this.orderId, box.order.orderNo, [
      { type: 'box.weighed', grams, placement, package: chosen, check, learned, skuSet },
    ]);
    const params = { grams, expected: check.expectedG, tolerance: check.toleranceG, diff: check.differenceG };
    if (check.verdict === 'unknown')
      return draft('warn', 'weight-unknown', { ...params, skus: check.missingWeights.join(', ') });
    if (check.verdict === 'over') return draft('wrong', 'weight-over', params);
    if (check.verdict === 'under') return draft('wrong', 'weight-under', params);
    if (learned?.warn)
      return draft('warn', 'weight-unusual', { ...params, usual: learned.meanG, n: learned.n });
    // A sealed carton in tolerance is done: the packer goes on with the next one.
    if (box.sealed)
      return draft('ok', 'carton-weight-ok', { ...params, carton: cartonNo(box), next: cartonNo(box) + 1 });
    return draft('done', 'weight-ok', params);
  }
}

/** The box (or its sealed carton) waits for a weighing: all verified, or a carton sealed, and no weight approved yet. */
export const waitsForWeight = (box: BoxState): boolean =>
  !box.weightApproved && (box.sealed || box.verification !== 'open');

export type { Feedback };
