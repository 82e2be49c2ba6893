import { refuse, type Handlers } from '../../shared/contract';
import * as act from './actions';
import type { Bench } from './bench';
import { mismatchView, orderView, printJobView, settingsView, timelineEntry } from './views';

const OK = { ok: true as const };
const done = (fn: () => unknown) => (fn(), OK);
const doneLater = async (fn: () => Promise<unknown>) => (await fn(), OK);

/** The contract's methods, each a one-line door into the bench: the work is in the rooms, the wording in the page. */
export function createHandlers(b: Bench): Handlers {
  const { repos, people } = b;
  const who = () => people.packer?.name ?? null;
  return {
    'station.info': () => b.info(),
    'station.getState': () => b.state(),
    'scan.submit': ({ code, scanner }) => b.scan(code, scanner ?? 'wedge'),
    'screen.show': (screen) => done(() => b.show(screen)),
    'scanner.test': ({ active }) => done(() => b.setScanTest(active)),
    'scale.setVirtual': ({ grams }) => done(() => act.setVirtualWeight(b.scale, grams)),
    'scale.zero': () => doneLater(() => act.zeroScale(b.scale)),
    'scale.tare': () => doneLater(() => act.tareScale(b.scale)),
    'package.list': () => repos.packages.list().map(({ code, name, tareG }) => ({ code, name, tareG })),
    'box.setPackage': ({ code }) => b.act(() => b.pack.setPackage(code)),
    'box.book': (p) => act.bookBox(b, p),
    'box.rebook': (p) => act.rebookBox(b, p),
    'customs.declaration': (p) => act.customsDeclaration(b, p),
    'customs.fix': (p) => act.fixCustoms(b, p),
    'box.enterWaybill': (p) => act.enterWaybill(b, p),
    'box.undo': () => b.act(() => b.pack.undo()),
    'box.newCarton': () => b.act(() => b.pack.newCarton()),
    'box.hold': ({ reason }) => b.act(() => b.pack.hold(b.reason('hold', reason))),
    'box.partial': ({ reason }) => b.act(() => b.pack.partial(b.reason('partial', reason))),
    'insert.confirm': (p) => b.act(() => b.pack.confirmInsert(p?.insertId)),
    'override.approve': (p) => act.approveOverride(b, p),
    'printer.test': ({ printer }) => doneLater(() => b.printTest(printer)),
    'printer.reprint': ({ reason, waybillNo }) => done(() => b.reprint(reason, waybillNo)),
    'printJob.list': () => repos.printJobs.recent(50).map(printJobView),
    'handover.open': async ({ carrier }) => ({ id: await b.handovers.open(carrier, who()) }),
    'handover.current': () => b.handovers.current(),
    'handover.close': () => b.handovers.close(who()),
    'handover.daily': ({ from, to }) => b.handovers.daily(from, to),
    'handover.shelf': () => b.handovers.shelf(),
    'handover.manifest': ({ id }) => b.handovers.manifest(id),
    'tracking.attention': () => b.tracking.attention(),
    'tracking.timeline': ({ orderNo }) => b.tracking.timeline(orderNo),
    'tracking.poll': () => b.tracking.poll(),
    'warehouse.benches': () => act.warehouseBoard(b),
    'warehouse.releaseBench': (p) => act.releaseBench(b, p),
    'session.events': async ({ sessionId }) => (await b.review.events(sessionId)).map(timelineEntry),
    'mismatch.list': async (f) => {
      const { total, rows } = await b.review.list(f);
      return { total, rows: rows.map(mismatchView) };
    },
    'mismatch.stats': ({ from, to }) => b.review.stats(from, to),
    'mismatch.export': (p) => act.exportMismatches(b, p),
    'mismatch.resolve': (p) => doneLater(() => act.resolveMismatch(b, p)),
    'order.search': (q) => {
      const { total, rows } = repos.orders.search(q);
      return { total, rows: rows.map((o) => orderView(o, repos.shipments.latestBookedFor(o.id))) };
    },
    'order.release': (p) => done(() => act.releaseOrder(b, p)),
    'settings.get': () => settingsView(b.config, b.shipping.carrierNames),
    'settings.update': (p) => act.updateRule(b, p),
    'user.login': (p) => b.login('badge' in p ? people.byBadge(p.badge) : people.byNameAndPin(p.name, p.pin)),
    'user.logout': () => done(() => b.logout()),
    'app.quit': ({ admin, pin }) => done(() => b.quitByAdmin(admin, pin)),
    // A running bench has its database; the move is answered by the desktop app before a station starts.
    'database.adopt': () => {
      throw refuse('adopt-not-needed');
    },
    'setup.inventory': () => act.inventory(b),
    'setup.detectScale': (p) => act.detectScale(p),
    'setup.readScale': (p) => act.readScale(p),
    'setup.testPrint': (p) => act.testPrint(b, p),
    'setup.save': (p) => act.saveDevices(b, p),
    'user.list': () => repos.users.list().map(({ name, role }) => ({ name, role })),
    'import.file': (p) => act.importUpload(b, p),
  };
}
