import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { Warehouse } from '../electron/store';
import { postgresMissing, startPostgres, type PgCluster } from '../electron/testing/postgres';
import { printTable, summarize, type Figure } from './harness';

// 50 simulated benches on one PostgreSQL, each packing one box every 6 s (claim, ~10 events pushed in 3 batches,
// a heartbeat every 5 s), for a minute: the latencies a bench sees and the CPU PostgreSQL spends.
const missing = postgresMissing();
const BENCHES = 50;
const BOX_EVERY_MS = 6000;
const RUN_MS = Number(process.env.PACKBENCH_LOAD_SECONDS ?? 60) * 1000;
const figures: Figure[] = [];
let pg: PgCluster;
let url: string;

/** CPU seconds used so far by every process of the postgres user (the server and its backends). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm !== 'postgres') continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return ticks / 100;
}

beforeAll(async () => {
  if (missing) return;
  pg = await startPostgres();
  url = pg.createDatabase('load');
  const w = new Warehouse({ url });
  await w.migrate();
  const n = BENCHES * Math.ceil(RUN_MS / BOX_EVERY_MS) + 100;
  for (let i = 0; i < n; i += 1000)
    await w.writeOrders(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
        orderNo: `L-${i + k}`,
        header: {},
        lines: [{ sku: 'TEA-1', name: null, qty: 1 }],
      })),
    );
  await w.close();
}, 120_000);
afterAll(() => {
  if (missing) return console.log(`warehouse load bench skipped: ${missing}`);
  printTable(`Warehouse under ${BENCHES} benches, one box per ${BOX_EVERY_MS / 1000} s each`, figures);
  pg.stop();
});

it.skipIf(missing)(`${BENCHES} benches for ${RUN_MS / 1000} s`, async () => {
  const claims: number[] = [];
  const pushes: number[] = [];
  const beats: number[] = [];
  let next = 0;
  const clients: Warehouse[] = [];
  const t0 = Date.now();
  // Connections first, then the clock: a backend's CPU counts only while it lives, so none may close before the end.
  const cpu0 = postgresCpuSeconds();
  await Promise.all(
    Array.from({ length: BENCHES }, async (_, b) => {
      const bench = `B-${String(b).padStart(2, '0')}`;
      const w = new Warehouse({ url, max: 2 });
      clients.push(w);
      // Benches start spread over the first box interval, as a shift does.
      await new Promise((r) => setTimeout(r, Math.random() * BOX_EVERY_MS));
      let seqBase = 0;
      let lastBeat = 0;
      while (Date.now() - t0 < RUN_MS) {
        const boxStart = Date.now();
        const orderNo = `L-${next++}`;
        let t = performance.now();
        await w.claim(orderNo, bench, 'packer');
        claims.push(performance.now() - t);
        const session = `${bench}-${seqBase}`;
        for (const batch of [
          ['box.opened', 'scan.checked', 'scan.checked', 'box.package'],
          ['box.weighed', 'box.booking', 'box.booked'],
          ['box.closed'],
        ]) {
          const events = batch.map((type, i) => ({
            sessionId: session,
            seq: i + 1 + (type === 'box.weighed' ? 4 : type === 'box.closed' ? 7 : 0),
            type,
            payload: JSON.stringify(type === 'box.opened' ? { order: { orderNo } } : { waybillNo: null }),
            at: new Date().toISOString(),
            packer: 'packer',
          }));
          t = performance.now();
          await w.push(bench, events, []);
          pushes.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 1000));
        }
        if (Date.now() - lastBeat > 5000) {
          t = performance.now();
          await w.heartbeat(bench, { packer: 'packer', orderNo, phase: 'idle' });
          beats.push(performance.now() - t);
          lastBeat = Date.now();
        }
        seqBase++;
        await new Promise((r) => setTimeout(r, Math.max(0, BOX_EVERY_MS - (Date.now() - boxStart))));
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  const cpu = postgresCpuSeconds() - cpu0;
  await Promise.all(clients.map((w) => w.close()));
  figures.push(summarize('claim', claims), summarize('push of a batch (events + projections)', pushes));
  figures.push(summarize('heartbeat', beats));
  figures.push({
    name: `PostgreSQL CPU (${claims.length} boxes in ${seconds.toFixed(0)} s)`,
    n: 1,
    median: (cpu / seconds) * 100,
    p95: (cpu / seconds) * 100,
    unit: '% of a core',
  });
});
