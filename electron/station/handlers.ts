import { ContractError, type Handlers } from '../../shared/contract';
import { stripAim } from '../../shared/scan';
import { importFile } from '../intake';
import type { Station } from './station';
import { allMismatches, mismatchesCsv, mismatchesXlsx } from '../reports';

/** One line for a timeline entry: the fields a lead reads first. */
function summarize(p: Record<string, unknown>): string {
  const pick = [
    'code',
    'waybillNo',
    'reason',
    'reasonCode',
    'grams',
    'carrier',
    'expected',
    'actual',
    'insertId',
  ].filter((k) => p[k] !== undefined && p[k] !== null);
  const check = p.check as { result?: string; verdict?: string; sku?: string } | undefined;
  const parts = pick.map((k) => `${k} ${String(p[k])}`);
  if (check?.result) parts.unshift(`${check.result}${check.sku ? ` ${check.sku}` : ''}`);
  if (check?.verdict) parts.unshift(check.verdict);
  if (p.order && typeof p.order === 'object') parts.unshift(String((p.order as { orderNo: string }).orderNo));
  return parts.join(' · ');
}

const OK = { ok: true as const };

/** The contract's methods, each a thin door into the station. */
export function createHandlers(s: Station): Handlers {
  const { repos } = s;
  return {
    'station.info': () => s.info(),
    'station.getState': () => s.state(),
    'scan.submit': ({ code, scanner }) =>
      s.receive({ code, symbology: stripAim(code).symbology, scanner: scanner ?? 'wedge', at: s.now() }) ??
      s.testFeedback(stripAim(code).data),
    'scanner.test': ({ active }) => {
      s.setScanTest(active);
      return OK;
    },
    'scale.setVirtual': ({ grams }) => {
      if (!s.scale.setWeight)
        throw new ContractError('refused', 'this bench has a real scale, not the virtual one');
      s.scale.setWeight(grams);
      return OK;
    },
    'scale.zero': async () => {
      await s.scale.zero().catch((e: Error) => Promise.reject(new ContractError('refused', e.message)));
      return OK;
    },
    'scale.tare': async () => {
      await s.scale.tare().catch((e: Error) => Promise.reject(new ContractError('refused', e.message)));
      return OK;
    },
    'package.list': () => repos.packages.list().map((p) => ({ code: p.code, name: p.name, tareG: p.tareG })),
    'box.setPackage': ({ code }) => s.act(() => s.pack.setPackage(code)),
    'box.book': async (p) => {
      if (p?.carrier) {
        if (!p.lead || !p.pin)
          throw new ContractError('refused', 'choosing another carrier needs a shift lead and PIN');
        s.people.lead(p.lead, p.pin);
      }
      if (!s.people.packer) throw new ContractError('refused', 'log in first');
      return s.announce(await s.shipping.book({ carrier: p?.carrier, lead: p?.lead }));
    },
    'box.rebook': async ({ carrier, lead, pin, reason }) => {
      const user = s.people.lead(lead, pin);
      return s.announce(await s.shipping.rebook(carrier, user.name, reason));
    },
    'box.enterWaybill': async ({ waybillNo, lead, pin, reason }) => {
      const user = s.people.lead(lead, pin);
      return s.announce(await s.shipping.enterWaybill(waybillNo, user.name, reason));
    },
    'printer.test': async ({ printer }) => {
      await s.printTest(printer);
      return OK;
    },
    'printer.reprint': ({ reason, waybillNo }) => {
      s.reprint(reason, waybillNo);
      return OK;
    },
    'printJob.list': () =>
      repos.printJobs.recent(50).map((j) => ({
        id: j.id,
        printer: j.printer,
        kind: j.kind,
        waybillNo: j.waybill_no,
        status: j.status,
        attempts: j.attempts,
        lastError: j.last_error,
        reason: j.reason,
      })),
    'handover.open': ({ carrier }) => ({ id: s.handovers.open(carrier, s.people.packer?.name ?? null) }),
    'handover.current': () => s.handovers.current(),
    'handover.scan': ({ code }) => {
      const r = s.handovers.scan(stripAim(code).data);
      const count = s.handovers.current()?.lines.length ?? 0;
      const detail =
        r.result === 'added'
          ? r.line.waybillNo
          : r.result === 'other-carrier'
            ? r.carrier
            : r.result === 'not-closed'
              ? r.orderNo
              : r.result === 'duplicate'
                ? `batch ${r.batchId}`
                : r.code;
      return { result: r.result, detail, count };
    },
    'handover.close': () => s.handovers.close(s.people.packer?.name ?? null),
    'handover.daily': ({ from, to }) => s.handovers.daily(from, to),
    'session.events': ({ sessionId }) =>
      repos.sessions.events(sessionId).map((e) => ({
        seq: e.seq,
        type: e.type,
        at: e.at,
        packer: e.packer,
        summary: summarize(e.payload as Record<string, unknown>),
      })),
    'mismatch.stats': ({ from, to }) => repos.mismatches.stats(from, to),
    'mismatch.export': async ({ format, ...filter }) => {
      const rows = allMismatches(repos.mismatches, filter);
      const bytes = format === 'xlsx' ? await mismatchesXlsx(rows) : mismatchesCsv(rows);
      return {
        fileName: `mismatches-${s.now().toISOString().slice(0, 10)}.${format}`,
        contentBase64: bytes.toString('base64'),
      };
    },
    'order.search': ({ text, status, limit, offset }) => {
      const { total, rows } = repos.orders.search({ text, status, limit, offset });
      return {
        total,
        rows: rows.map((o) => ({
          orderNo: o.order_no,
          shop: o.shop,
          status: o.status,
          holdReason: o.hold_reason,
          receiver: o.receiver_name,
          city: o.city,
          packedAt: o.packed_at,
          packedBy: o.packed_by,
          waybillNo: s.repos.shipments.latestBookedFor(o.id),
        })),
      };
    },
    'settings.get': () => {
      const c = s.options.loaded.config;
      return {
        weight: {
          toleranceGrams: c.weight.toleranceGrams,
          tolerancePercent: c.weight.tolerancePercent,
          nearZeroGrams: c.weight.nearZeroGrams,
          stableWindowMs: c.weight.stableWindowMs,
        },
        reasons: c.reasons,
        inserts: c.inserts.map((i) => ({
          id: i.id,
          name: i.name,
          barcode: i.barcode ?? null,
          rule:
            [
              i.whenSku && `SKU ${i.whenSku}`,
              i.whenShop && `shop ${i.whenShop}`,
              i.minOrderValueCents !== undefined && `order ≥ ¥${(i.minOrderValueCents / 100).toFixed(2)}`,
            ]
              .filter(Boolean)
              .join(', ') || 'every order',
        })),
        carriers: s.shipping.carrierNames.map((name) => {
          const r = (
            c.carriers.rules as Record<
              string,
              { prices: { default: { firstCents: number; extraPerKgCents: number } } } | undefined
            >
          )[name];
          return {
            name,
            rule: r
              ? `首重 ¥${(r.prices.default.firstCents / 100).toFixed(2)} / 续重 ¥${(r.prices.default.extraPerKgCents / 100).toFixed(2)} per kg`
              : 'no price table',
          };
        }),
        defaultCarrier: c.carriers.default,
      };
    },
    'user.login': (p) =>
      s.login('badge' in p ? s.people.byBadge(p.badge) : s.people.byNameAndPin(p.name, p.pin)),
    'user.logout': () => {
      s.logout();
      return OK;
    },
    'user.list': () => repos.users.list().map((u) => ({ name: u.name, role: u.role })),
    'box.undo': () => s.act(() => s.pack.undo()),
    'insert.confirm': (p) => s.act(() => s.pack.confirmInsert(p?.insertId)),
    'box.hold': ({ reason }) => s.act(() => s.pack.hold(s.reason('hold', reason))),
    'box.partial': ({ reason }) => s.act(() => s.pack.partial(s.reason('partial', reason))),
    'override.approve': ({ lead, pin, reasonCode, comment }) => {
      const user = s.people.lead(lead, pin);
      return s.act(() => s.pack.override(user.name, s.reason('override', reasonCode), comment ?? null));
    },
    'order.release': ({ orderNo, lead, pin }) => {
      s.people.lead(lead, pin);
      const found = repos.orders.findByCode(orderNo);
      if (!found || found.order.status !== 'held')
        throw new ContractError('refused', `order ${orderNo} is not on hold`);
      repos.orders.setStatus(found.order.id, 'released', null, s.now().toISOString());
      return OK;
    },
    'mismatch.list': (f) => {
      const { total, rows } = repos.mismatches.list(f);
      return {
        total,
        rows: rows.map((r) => ({
          id: r.id,
          sessionId: r.session_id,
          type: r.type,
          orderNo: r.order_no,
          sku: r.sku,
          code: r.code,
          expected: r.expected,
          actual: r.actual,
          packer: r.packer,
          stationId: r.station_id,
          at: r.at,
          resolution: r.resolution,
          resolvedBy: r.resolved_by,
        })),
      };
    },
    'mismatch.resolve': ({ id, comment, lead, pin }) => {
      const user = s.people.lead(lead, pin);
      if (!repos.mismatches.resolve(id, comment, user.name, s.now().toISOString()))
        throw new ContractError('refused', `no mismatch ${id}`);
      return OK;
    },
    'import.file': (p) => {
      const bytes = 'uploadId' in p ? s.uploads.take(p.uploadId) : Buffer.from(p.contentBase64, 'base64');
      if (!bytes)
        throw new ContractError(
          'refused',
          `no upload ${'uploadId' in p ? p.uploadId : ''}: send the file again`,
        );
      return importFile(repos, p.kind, p.fileName, bytes, s.now());
    },
  };
}
