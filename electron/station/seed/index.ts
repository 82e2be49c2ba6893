import type { Repos } from '../../store';
import { project, type Envelope, type PackEvent } from '../pack';

/** What `packbench db seed` makes: boxes over days, and about this many mismatches among them. */
export interface SeedPlan {
  boxes: number;
  mismatches: number;
  days: number;
  stationId: string;
  now: Date;
  /** Hears how many boxes are written, every 10 000. */
  progress?: (boxes: number) => void;
}

const PACKERS = ['张伟', '李娜', '王芳', 'Amy Chen', '刘洋', '陈静'];
const SKUS = [
  { sku: 'SEED-TEA', name: '西湖龙井 250g', code: '6990000000011', g: 280 },
  { sku: 'SEED-CUP', name: '陶瓷马克杯', code: '6990000000028', g: 350 },
  { sku: 'SEED-TSH', name: '黑色T恤 M码', code: '6990000000035', g: 180 },
  { sku: 'SEED-SOP', name: '手工皂 300g', code: '6990000000042', g: 310 },
  { sku: 'SEED-CAP', name: '棒球帽', code: '6990000000059', g: 120 },
];
const TARE_G = 140;

/** A small deterministic generator: the same plan seeds the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A bench's history as if packed: orders, box sessions and their events, weighings, bookings, closes and one
 * handover batch a day, written through the repositories and the pack projection (so the mismatch log, the per-day
 * counts and the orders' states are what packing would have left). For benches, demos and sizing.
 */
export function seedHistory(repos: Repos, plan: SeedPlan): { boxes: number; mismatches: number } {
  const rnd = random(plan.boxes * 31 + plan.days);
  const start = plan.now.getTime() - plan.days * 86_400_000;
  const perDay = Math.max(1, Math.ceil(plan.boxes / plan.days));
  // Each mismatch-bearing box carries one mismatch (a weight one carries its override too, counted as one).
  const every = plan.mismatches > 0 ? plan.boxes / plan.mismatches : Infinity;
  const at0 = plan.now.toISOString();
  repos.catalog.writeProducts(
    SKUS.map((s) => ({
      sku: s.sku,
      name: s.name,
      unitWeightG: s.g,
      length: null,
      width: null,
      height: null,
      image: null,
      category: 'seed',
      serialRequired: false,
      kitOwnBarcode: false,
      barcodes: [{ code: s.code, qty: 1 }],
      kit: [],
    })),
    at0,
  );
  // One handover batch a day, closed at the day's end (a bench has one open batch at a time).
  let batch: { id: number; day: number } | null = null;
  const dayBatch = (day: number): number => {
    if (batch?.day === day) return batch.id;
    if (batch)
      repos.handovers.close(batch.id, '李主管', iso(start + batch.day * 86_400_000 + 19.5 * 3_600_000));
    batch = {
      day,
      id: repos.handovers.open(
        'pool',
        plan.stationId,
        '李主管',
        iso(start + day * 86_400_000 + 18 * 3_600_000),
      ),
    };
    return batch.id;
  };
  let written = 0;
  let mismatches = 0;
  let nextMismatch = every / 2;
  for (let from = 0; from < plan.boxes; from += 1000) {
    const to = Math.min(plan.boxes, from + 1000);
    repos.transaction(() => {
      const orders = [];
      for (let i = from; i < to; i++) {
        const lines = SKUS.filter(() => rnd() < 0.35).slice(0, 3);
        if (lines.length === 0) lines.push(SKUS[i % SKUS.length]!);
        orders.push({
          orderNo: `SEED-${String(i).padStart(8, '0')}`,
          header: { shop: i % 2 ? '旗舰店' : '专营店', receiver_name: '王芳', city: '杭州市' },
          lines: lines.map((l) => ({ sku: l.sku, name: l.name, qty: 1 + (rnd() < 0.2 ? 1 : 0) })),
        });
      }
      repos.catalog.writeOrders(orders, at0);
      for (let i = from; i < to; i++) {
        const o = orders[i - from]!;
        const day = Math.floor(i / perDay);
        const t = start + day * 86_400_000 + 8 * 3_600_000 + ((i % perDay) / perDay) * 10 * 3_600_000;
        const order = repos.orders.findByCode(o.orderNo)!.order;
        const packer = PACKERS[i % PACKERS.length]!;
        const sessionId = `seed-${i}`;
        repos.sessions.create({
          id: sessionId,
          orderId: order.id,
          stationId: plan.stationId,
          packer,
          at: iso(t),
        });
        let seq = 0;
        const emit = (event: PackEvent, dt: number) => {
          const env: Envelope = {
            sessionId,
            seq: ++seq,
            at: iso(t + dt),
            packer,
            stationId: plan.stationId,
            event,
          };
          repos.sessions.append({ ...env, type: event.type, payload: event });
          project(repos, env, order.id, o.orderNo);
        };
        const flaw = i >= nextMismatch ? Math.floor(rnd() * 4) : -1;
        if (flaw >= 0) {
          nextMismatch += every;
          mismatches++;
        }
        const boxOrder = {
          id: order.id,
          orderNo: o.orderNo,
          shop: null,
          receiverName: '王芳',
          city: '杭州市',
          note: null,
        };
        emit(
          {
            type: 'box.opened',
            order: boxOrder,
            requirements: [],
            inserts: [],
            via: 'order',
            code: o.orderNo,
          },
          0,
        );
        let dt = 4000;
        const units = o.lines.flatMap((l) =>
          Array.from({ length: l.qty }, () => SKUS.find((s) => s.sku === l.sku)!),
        );
        for (const u of units) {
          const ok = { result: 'ok' as const, sku: u.sku, allocations: [], serial: null };
          emit(
            { type: 'scan.checked', code: u.code, symbology: 'EAN-13', check: ok, batch: null, expiry: null },
            dt,
          );
          dt += 3000;
        }
        if (flaw === 0) {
          const other = SKUS.find((s) => !o.lines.some((l) => l.sku === s.sku)) ?? SKUS[0]!;
          const check = { result: 'wrong-item' as const, sku: other.sku, expected: [] };
          emit(
            { type: 'scan.checked', code: other.code, symbology: 'EAN-13', check, batch: null, expiry: null },
            dt,
          );
        } else if (flaw === 1) {
          const check = { result: 'unknown-barcode' as const, code: '1234567' };
          emit(
            { type: 'scan.checked', code: '1234567', symbology: null, check, batch: null, expiry: null },
            dt,
          );
        } else if (flaw === 2) {
          const u = units[0]!;
          const check = { result: 'over-scan' as const, sku: u.sku, required: 1, scanned: 1, adding: 1 };
          emit(
            { type: 'scan.checked', code: u.code, symbology: 'EAN-13', check, batch: null, expiry: null },
            dt,
          );
        }
        const expectedG = units.reduce((g, u) => g + u.g, TARE_G);
        const toleranceG = Math.max(50, Math.round(expectedG * 0.05));
        const differenceG =
          flaw === 3 ? toleranceG + 40 + Math.round(rnd() * 200) : Math.round((rnd() - 0.5) * toleranceG);
        const grams = expectedG + differenceG;
        const check = {
          verdict: flaw === 3 ? ('over' as const) : ('ok' as const),
          expectedG,
          actualG: grams,
          differenceG,
          toleranceG,
          missingWeights: [],
        };
        emit(
          {
            type: 'box.weighed',
            grams,
            placement: 1,
            package: null,
            check,
            learned: null,
            skuSet: o.orderNo,
          },
          dt + 5000,
        );
        if (flaw === 3)
          emit(
            {
              type: 'override.approved',
              lead: '李主管',
              reasonCode: 'data-error',
              comment: null,
              short: [],
              scope: 'weight',
            },
            dt + 9000,
          );
        const waybillNo = `SD${String(i).padStart(10, '0')}`;
        const shipmentId = repos.shipments.create({
          sessionId,
          orderId: order.id,
          carrier: 'pool',
          key: `seed-${i}`,
          request: {},
          weightG: grams,
          priceCents: null,
          choice: [],
          at: iso(t + dt + 6000),
        });
        repos.shipments.result(shipmentId, { status: 'booked', waybillNo }, iso(t + dt + 7000));
        emit(
          {
            type: 'box.booked',
            shipmentId,
            carrier: 'pool',
            waybillNo,
            markDestination: null,
            sortingCode: null,
            labelJobId: null,
          },
          dt + 7000,
        );
        emit({ type: 'box.closed', waybillNo, weightG: grams, partial: false }, dt + 12_000);
        // Handed over at the day's end: one batch a day.
        repos.handovers.load(dayBatch(day), shipmentId, iso(start + day * 86_400_000 + 19 * 3_600_000));
        written++;
      }
    });
    plan.progress?.(written);
  }
  // Read through a cast: the compiler cannot see that dayBatch set it.
  const last = batch as { id: number; day: number } | null;
  if (last) repos.handovers.close(last.id, '李主管', iso(start + last.day * 86_400_000 + 19.5 * 3_600_000));
  return { boxes: written, mismatches };
}

const iso = (t: number) => new Date(t).toISOString();
