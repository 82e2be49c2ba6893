import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { FutureWarehouseError, Warehouse } from '.';

// A real PostgreSQL server (Debian's, a throw-away cluster): claims are about concurrency, and only the real engine
// says how two benches racing for one order end.
const missing = postgresMissing();
if (missing) console.log(`warehouse tests skipped: ${missing}`);

let cluster: PgCluster;
let url: string;
let a: Warehouse;
let b: Warehouse;

beforeAll(async () => {
  if (missing) return;
  cluster = await startPostgres();
  url = cluster.createDatabase('warehouse');
  a = new Warehouse({ url, applicationName: 'bench B-01' });
  b = new Warehouse({ url, applicationName: 'bench B-02' });
}, 60_000);
afterAll(async () => {
  if (missing) return;
  await Promise.all([a.close(), b.close()]);
  cluster.stop();
});

const orders = (n: number, prefix = 'SO') =>
  Array.from({ length: n }, (_, i) => ({
    orderNo: `${prefix}-${String(i).padStart(4, '0')}`,
    header: { shop: 'tmall', receiver_name: '王芳' },
    lines: [{ sku: 'TEA-1', name: '龙井', qty: 1 }],
  }));

describe.skipIf(missing)('the warehouse on PostgreSQL', () => {
  it('migrates once: a second run (from another bench) changes nothing', async () => {
    expect(await a.migrate()).toEqual({ from: 0, to: 130 });
    expect(await b.migrate()).toEqual({ from: 130, to: 130 });
    const r = await a.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(r.rows[0].n).toBe(13);
  });

  it('refuses a schema newer than it knows, and says so', async () => {
    const url2 = cluster.createDatabase('future');
    const w = new Warehouse({ url: url2 });
    try {
      await w.migrate();
      await w.pool.query("INSERT INTO schema_migrations (version, name) VALUES (990, 'from the future')");
      await expect(w.assertKnownVersion()).rejects.toThrow(FutureWarehouseError);
      await expect(w.migrate()).rejects.toThrow(
        /schema version 990, but this Packbench knows versions up to 130/,
      );
    } finally {
      await w.close();
    }
  });

  it('two benches claiming the same order at the same moment: exactly one wins, 1 000 times in a row', async () => {
    const list = orders(1000, 'RACE');
    expect(await a.writeOrders(list)).toEqual({ imported: 1000, updated: 0 });
    for (const o of list) {
      const [ra, rb] = await Promise.all([
        a.claim(o.orderNo, 'B-01', '张伟'),
        b.claim(o.orderNo, 'B-02', 'Amy Chen'),
      ]);
      const results = [ra.result, rb.result].sort();
      expect(results).toEqual(['claimed', 'elsewhere']);
      const loser = ra.result === 'elsewhere' ? ra : rb;
      const winner = ra.result === 'claimed' ? 'B-01' : 'B-02';
      expect(loser).toMatchObject({ bench: winner, packer: winner === 'B-01' ? '张伟' : 'Amy Chen' });
    }
    const r = await a.pool.query(
      "SELECT count(*)::int AS n FROM claims c JOIN orders o ON o.id = c.order_id WHERE o.order_no LIKE 'RACE-%'",
    );
    expect(r.rows[0].n).toBe(1000);
  });

  it('item-first: two benches scanning one SKU at once, 2 × 50 scans, get 100 different orders, the earliest', async () => {
    const CAP = '6902000000019';
    await a.writeProducts([
      {
        sku: 'CAP-R',
        name: '棒球帽',
        unitWeightG: 120,
        length: null,
        width: null,
        height: null,
        image: null,
        category: null,
        serialRequired: false,
        kitOwnBarcode: false,
        barcodes: [
          { code: CAP, qty: 1 },
          { code: '6902000000026', qty: 6 },
        ],
        kit: [],
      },
    ]);
    // 120 single-item orders, a second apart, written in a shuffled order (the order time decides, not the id).
    const list = Array.from({ length: 120 }, (_, i) => ({
      orderNo: `CAP-${String(i).padStart(3, '0')}`,
      header: { shop: 'tmall', ordered_at: new Date(Date.UTC(2026, 10, 29, 0, 0, i)).toISOString() },
      lines: [{ sku: 'CAP-R', name: '棒球帽', qty: 1 }],
    }));
    const shuffled = [...list].sort(
      (x, y) => ((x.orderNo.charCodeAt(6) * 7) % 10) - ((y.orderNo.charCodeAt(6) * 7) % 10),
    );
    await a.writeOrders([
      ...shuffled,
      { orderNo: 'CAP-TWO', header: {}, lines: [{ sku: 'CAP-R', name: null, qty: 2 }] },
    ]);
    const now = '2026-11-30T00:00:00.000Z';
    const runs = await Promise.all(
      [a, b].map((w, k) =>
        Promise.all(Array.from({ length: 50 }, () => w.claimSingle([CAP], `B-0${k + 1}`, 'p', {}, now))),
      ),
    );
    const got = runs.flat().map((r) => (r.result === 'claimed' ? r.orderNo : r.result));
    expect(new Set(got).size).toBe(100);
    expect([...got].sort()).toEqual(list.slice(0, 100).map((o) => o.orderNo));
    const claims = await a.pool.query(
      "SELECT bench_id, count(*)::int AS n FROM claims c JOIN orders o ON o.id = c.order_id WHERE o.order_no LIKE 'CAP-%' GROUP BY 1 ORDER BY 1",
    );
    expect(claims.rows).toEqual([
      { bench_id: 'B-01', n: 50 },
      { bench_id: 'B-02', n: 50 },
    ]);
    // A case of six never fills a one-unit order; a code of nothing is unknown; a wave with none says so.
    expect(await a.claimSingle(['6902000000026'], 'B-01', 'p', {}, now)).toEqual({
      result: 'no-order',
      sku: 'CAP-R',
      name: '棒球帽',
    });
    expect(await a.claimSingle(['6909999999999'], 'B-01', 'p', {}, now)).toEqual({ result: 'unknown' });
    expect(await a.claimSingle([CAP], 'B-01', 'p', { shop: 'jd' }, now)).toMatchObject({
      result: 'no-order',
    });
    expect(await a.claimSingle([CAP], 'B-01', 'p', {}, now)).toMatchObject({
      result: 'claimed',
      orderNo: 'CAP-100',
    });
  });

  it('the holder keeps its claim; a lead releases one left by a dead bench; held, packed and unknown orders say so', async () => {
    await a.writeOrders(orders(3, 'ONE'));
    expect(await a.claim('ONE-0000', 'B-01', '张伟')).toEqual({ result: 'claimed', orderNo: 'ONE-0000' });
    expect(await a.claim('ONE-0000', 'B-01', '张伟')).toEqual({ result: 'claimed', orderNo: 'ONE-0000' });
    expect(await b.claim('ONE-0000', 'B-02', 'Amy Chen')).toMatchObject({
      result: 'elsewhere',
      bench: 'B-01',
    });
    expect(await b.release('ONE-0000')).toBe(true);
    expect(await b.claim('ONE-0000', 'B-02', 'Amy Chen')).toEqual({ result: 'claimed', orderNo: 'ONE-0000' });

    await a.pool.query(
      "UPDATE orders SET status = 'held', hold_reason = '客户要求暂停' WHERE order_no = 'ONE-0001'",
    );
    expect(await a.claim('ONE-0001', 'B-01', '张伟')).toEqual({
      result: 'held',
      orderNo: 'ONE-0001',
      reason: '客户要求暂停',
    });
    await a.pool.query(
      "UPDATE orders SET status = 'packed', packed_bench = 'B-07', packed_by = '李四', packed_at = '2026-11-30T02:42:00Z' WHERE order_no = 'ONE-0002'",
    );
    expect(await a.claim('ONE-0002', 'B-01', '张伟')).toEqual({
      result: 'packed',
      orderNo: 'ONE-0002',
      bench: 'B-07',
      by: '李四',
      at: '2026-11-30T02:42:00.000Z',
    });
    expect(await a.claim('NOPE', 'B-01', null)).toEqual({ result: 'unknown', code: 'NOPE' });
  });

  it('benches report in; the status lists them with their open claims', async () => {
    await a.heartbeat('B-01', { packer: '张伟', orderNo: 'RACE-0001', phase: 'verifying', lagEvents: 3 });
    await b.heartbeat('B-02', { packer: 'Amy Chen' });
    const seen = await a.benches();
    expect(seen.map((s) => [s.id, s.packer, s.lagEvents])).toEqual([
      ['B-01', '张伟', 3],
      ['B-02', 'Amy Chen', 0],
    ]);
    const claims = await a.pool.query<{ bench_id: string; n: number }>(
      'SELECT bench_id, count(*)::int AS n FROM claims GROUP BY bench_id ORDER BY bench_id',
    );
    expect(seen.map((s) => s.openClaims)).toEqual(claims.rows.map((r) => r.n));
  });

  it('two benches leasing at once get different numbers; what is given back is free again; none is issued twice', async () => {
    const numbers = Array.from({ length: 400 }, (_, i) => `SF${1000000 + i}`);
    expect(await a.importPool('sf', numbers)).toEqual({ added: 400, skipped: 0 });
    expect(await a.importPool('sf', numbers.slice(0, 10))).toEqual({ added: 0, skipped: 10 });
    const leases = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).lease(`B-${i}`, 'sf', 50)),
    );
    const all = leases.flat();
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
    expect(await a.lease('B-9', 'sf', 5)).toEqual([]);
    expect(await a.giveBack('B-0', 'sf', leases[0]!.slice(0, 20))).toBe(20);
    // Only the bench that holds a lease can give it back.
    expect(await a.giveBack('B-0', 'sf', leases[1]!.slice(0, 5))).toBe(0);
    expect(await a.freeNumbers('sf')).toBe(20);
    expect(await b.lease('B-9', 'sf', 50)).toEqual(leases[0]!.slice(0, 20));
  });

  it('an order held or cancelled is announced to every listener (拦截)', async () => {
    await a.writeOrders(orders(2, 'INT'));
    const heard: unknown[] = [];
    const problems: string[] = [];
    const stop = b.listen(
      (i) => heard.push(i),
      (m) => problems.push(m),
    );
    try {
      await waitFor(
        async () => {
          const r = await a.pool.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN packbench_intercept%'",
          );
          return r.rows[0].n > 0;
        },
        5000,
        'listening',
      );
      await a.pool.query(
        "UPDATE orders SET status = 'held', hold_reason = '客户退款' WHERE order_no = 'INT-0000'",
      );
      await a.pool.query("UPDATE orders SET status = 'cancelled' WHERE order_no = 'INT-0001'");
      await a.pool.query("UPDATE orders SET note = 'x' WHERE order_no = 'INT-0001'");
      await waitFor(() => heard.length >= 2, 5000, 'two intercepts');
      expect(heard).toEqual([
        { orderNo: 'INT-0000', status: 'held', reason: '客户退款' },
        { orderNo: 'INT-0001', status: 'cancelled', reason: 'cancelled' },
      ]);
      expect(problems).toEqual([]);
      // The listening connection cut (a PostgreSQL restart, a network blip): it listens again by itself.
      await a.pool.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN packbench_intercept%'",
      );
      await waitFor(() => problems.length > 0, 5000, 'the cut noticed');
      await waitFor(
        async () =>
          (
            await a.pool.query(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN packbench_intercept%'",
            )
          ).rows[0].n > 0,
        5000,
        'listening again',
      );
      await a.writeOrders(orders(3, 'INT'));
      await a.pool.query(
        "UPDATE orders SET status = 'held', hold_reason = '缺货' WHERE order_no = 'INT-0002'",
      );
      await waitFor(() => heard.length >= 3, 5000, 'heard after the cut');
      // And through a PostgreSQL restart.
      cluster.stopServer();
      cluster.start();
      await waitFor(
        async () =>
          (
            await a.pool
              .query(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN packbench_intercept%'",
              )
              .catch(() => ({ rows: [{ n: 0 }] }))
          ).rows[0].n > 0,
        10_000,
        'listening after a restart',
      );
      await a.pool.query("UPDATE orders SET status = 'cancelled' WHERE order_no = 'INT-0000'");
      await waitFor(() => heard.length >= 4, 5000, 'heard after a restart');
    } finally {
      await stop();
    }
  });

  it('one serial boxed at two benches at once: the second push raises a serial-duplicate for the lead', async () => {
    const ev = (session: string, serial: string) => ({
      sessionId: session,
      seq: 2,
      type: 'scan.checked',
      payload: JSON.stringify({ check: { result: 'ok', sku: 'PHN-1', serial } }),
      at: '2026-11-30T05:00:00Z',
      packer: 'p',
    });
    await a.push('B-1', [ev('SA', 'IMEI-9')], []);
    await b.push('B-2', [ev('SB', 'IMEI-9')], []);
    const dup = await a.pool.query(
      "SELECT bench_id, type, sku, code, expected FROM mismatches WHERE code = 'IMEI-9'",
    );
    expect(dup.rows).toEqual([
      { bench_id: 'B-2', type: 'serial-duplicate', sku: 'PHN-1', code: 'IMEI-9', expected: 'B-1' },
    ]);
    expect(await a.takenSerials(['PHN-1'])).toEqual([{ sku: 'PHN-1', serial: 'IMEI-9' }]);
  });

  it('an order packed at two benches (both offline, allow-new) is raised to the lead as packed-twice', async () => {
    await a.writeOrders(orders(1, 'TWICE'));
    const box = (session: string) => [
      {
        sessionId: session,
        seq: 1,
        type: 'box.opened',
        payload: '{"order":{"orderNo":"TWICE-0000"}}',
        at: '2026-11-30T05:00:00Z',
        packer: 'p',
      },
      {
        sessionId: session,
        seq: 9,
        type: 'box.closed',
        payload: '{"partial":false}',
        at: '2026-11-30T05:01:00Z',
        packer: 'p',
      },
    ];
    await a.push('B-1', box('T1'), []);
    await b.push('B-2', box('T2'), []);
    const o = await a.pool.query("SELECT status, packed_bench FROM orders WHERE order_no = 'TWICE-0000'");
    expect(o.rows[0]).toEqual({ status: 'packed', packed_bench: 'B-1' });
    const m = await a.pool.query(
      "SELECT bench_id, type, expected, actual FROM mismatches WHERE order_no = 'TWICE-0000'",
    );
    expect(m.rows).toEqual([{ bench_id: 'B-2', type: 'packed-twice', expected: 'B-1', actual: 'B-2' }]);
  });

  it("warehouse jobs run once: two runners never take one job; a failure waits; a dead runner's job is taken again", async () => {
    const messages = Array.from({ length: 30 }, (_, i) => ({
      kind: 'ship-notice',
      idempotency_key: `ship-J${i}`,
      payload: JSON.stringify({ orderNo: `J${i}` }),
    }));
    await a.push('B-1', [], [], messages);
    await b.push('B-1', [], [], messages.slice(0, 5)); // sent again after a crash: the same jobs
    const taken: string[] = [];
    await Promise.all(
      ['R-1', 'R-2', 'R-3'].map(async (runner, i) => {
        const w = i === 1 ? b : a;
        for (let job = await w.takeJob(runner); job; job = await w.takeJob(runner)) {
          taken.push(job.idempotency_key);
          await w.finishJob(
            job.id,
            job.idempotency_key === 'ship-J7' && job.attempts === 1 ? 'HTTP 503' : null,
            60_000,
          );
        }
      }),
    );
    expect(taken.sort()).toEqual(messages.map((m) => m.idempotency_key).sort());
    const retry = await a.pool.query(
      "SELECT status, attempts, last_error FROM jobs WHERE idempotency_key = 'ship-J7'",
    );
    expect(retry.rows[0]).toEqual({ status: 'pending', attempts: 1, last_error: 'HTTP 503' });
    expect(await a.takeJob('R-1')).toBeNull();
    // A runner took a job and died: a minute later it is anyone's again.
    await a.pool.query("UPDATE jobs SET next_at = now() WHERE idempotency_key = 'ship-J7'");
    const dying = await a.takeJob('R-dead');
    expect(dying?.idempotency_key).toBe('ship-J7');
    expect(await a.takeJob('R-1')).toBeNull();
    await a.pool.query(
      "UPDATE jobs SET locked_at = now() - interval '2 minutes' WHERE idempotency_key = 'ship-J7'",
    );
    expect((await a.takeJob('R-1'))?.idempotency_key).toBe('ship-J7');
  });

  it("the page's total by day and bench comes from the per-day counts and equals the rows", async () => {
    const m = (bench: string, seq: number, at: string) => ({
      sessionId: `CNT-${bench}`,
      seq,
      type: 'wrong-item',
      orderNo: 'CNT-1',
      sku: 'S',
      code: 'c',
      expected: null,
      actual: null,
      packer: 'p',
      at,
    });
    await a.push('C-1', [], [m('C-1', 1, '2026-11-01T23:59:00Z'), m('C-1', 2, '2026-11-02T00:01:00Z')]);
    await a.push('C-2', [], [m('C-2', 1, '2026-11-02T10:00:00Z')]);
    for (const f of [
      { station: 'C-1' },
      { from: '2026-11-02', to: '2026-11-02' },
      { station: 'C-2', from: '2026-11-02' },
    ]) {
      const page = await a.mismatches({ ...f, limit: 50 });
      const exact = await a.mismatches({ ...f, type: 'wrong-item', limit: 50 });
      expect(page.total, JSON.stringify(f)).toBe(exact.total);
      expect(page.rows.filter((r) => r.order_no === 'CNT-1').length).toBe(
        exact.rows.filter((r) => r.order_no === 'CNT-1').length,
      );
    }
  });

  it('pages by cursor over every bench: each row once, newest first, forward and back, the total only when asked', async () => {
    const whole = (await a.mismatches({ limit: 1000 })).rows.map((r) => r.id);
    expect(whole.length).toBeGreaterThan(3);
    const pages: number[][] = [];
    let rows = (await a.mismatches({ limit: 2 })).rows;
    while (rows.length) {
      pages.push(rows.map((r) => r.id));
      const last = rows.at(-1)!;
      const next = await a.mismatches({ limit: 2, count: false, after: { at: last.at, id: last.id } });
      expect(next.total).toBeNull();
      if (pages.length === 1 && next.rows.length) {
        const back = await a.mismatches({ limit: 2, before: { at: next.rows[0]!.at, id: next.rows[0]!.id } });
        expect(back.rows.map((r) => r.id)).toEqual(pages[0]);
      }
      rows = next.rows;
    }
    expect(pages.flat()).toEqual(whole);
  });
});
