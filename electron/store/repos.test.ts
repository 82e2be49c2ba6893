import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { createRepos, hashPin, LIVE_STATUSES, openStore, pinMatches, type Repos, type Store } from './index';

/** The repositories' own promises (found by mutation testing), on a real SQLite file. */
let dir: string;
let cleanup: () => void;
let store: Store;
let repos: Repos;
const AT = '2026-11-29T08:00:00.000Z';

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'b.db'));
  repos = createRepos(store.db);
  const order = store.db.prepare(
    'INSERT INTO orders (order_no, receiver_name, waybill_no, tote, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  order.run('SO-1', '张三', 'W-1', 'T-1', 'released', AT, AT);
  order.run('SO-2', '李四', null, null, 'held', AT, AT);
  order.run('XX-3', '王五', 'W-3', null, 'released', AT, AT);
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('orders.search', () => {
  it('finds by order no. or receiver (part), waybill or tote (whole), by status, newest first, paged', () => {
    const nos = (q: Parameters<Repos['orders']['search']>[0]) =>
      repos.orders.search(q).rows.map((r) => r.order_no);
    expect(nos({ limit: 10, offset: 0 })).toEqual(['XX-3', 'SO-2', 'SO-1']);
    expect(repos.orders.search({ limit: 1, offset: 1 })).toMatchObject({
      total: 3,
      rows: [{ order_no: 'SO-2' }],
    });
    expect(nos({ text: 'SO-', limit: 10, offset: 0 })).toEqual(['SO-2', 'SO-1']);
    expect(nos({ text: '李', limit: 10, offset: 0 })).toEqual(['SO-2']);
    expect(nos({ text: 'W-3', limit: 10, offset: 0 })).toEqual(['XX-3']);
    expect(nos({ text: 'W-', limit: 10, offset: 0 })).toEqual([]);
    expect(nos({ text: 'T-1', limit: 10, offset: 0 })).toEqual(['SO-1']);
    expect(nos({ status: 'held', limit: 10, offset: 0 })).toEqual(['SO-2']);
    expect(repos.orders.search({ text: 'SO', status: 'released', limit: 10, offset: 0 })).toMatchObject({
      total: 1,
      rows: [{ order_no: 'SO-1' }],
    });
  });
});

describe('shipments', () => {
  const create = (key: string) =>
    repos.shipments.create({
      sessionId: null,
      orderId: 1,
      carrier: 'kdniao',
      key,
      request: { a: 1 },
      weightG: 900,
      priceCents: 650,
      choice: ['why'],
      at: AT,
    });

  it('records every field of a carrier answer, and keeps what a later answer leaves out', () => {
    const id = create('k-1');
    repos.shipments.result(
      id,
      {
        status: 'booked',
        waybillNo: 'W9',
        markDestination: '成都',
        sortingCode: '510',
        service: 'std',
        response: { carrierRef: 'r1' },
        labelFormat: 'zpl',
        label: Buffer.from('^XA'),
      },
      AT,
    );
    repos.shipments.result(id, { status: 'booked', error: 'note' }, '2026-11-29T09:00:00.000Z');
    expect(repos.shipments.byId(id)).toMatchObject({
      status: 'booked',
      waybill_no: 'W9',
      mark_destination: '成都',
      sorting_code: '510',
      service: 'std',
      response: '{"carrierRef":"r1"}',
      error: 'note',
      label_format: 'zpl',
      label: Buffer.from('^XA'),
      updated_at: '2026-11-29T09:00:00.000Z',
      request: '{"a":1}',
      choice: '["why"]',
      price_cents: 650,
    });
  });

  it('sets an answer aside with what happened and the raw answer; live ones are the ones that may hold a waybill', () => {
    expect([...LIVE_STATUSES].sort()).toEqual(['booked', 'needs-attention', 'requesting', 'unknown']);
    const a = create('order-SO-1-p1-1');
    const b = create('order-SO-1-p1-2');
    const c = create('x-1');
    repos.shipments.result(b, { status: 'cancelled' }, AT);
    repos.shipments.setAside(a, { attention: 'dup', rawAnswer: { kind: 'booked' } }, AT);
    expect(repos.shipments.byId(a)).toMatchObject({
      status: 'needs-attention',
      attention: 'dup',
      error: 'dup',
      raw_answer: '{"kind":"booked"}',
    });
    repos.shipments.setAside(c, { attention: 'x', rawAnswer: undefined }, AT);
    expect(repos.shipments.byId(c)!.raw_answer).toBe('null');
    expect(repos.shipments.needingAttention().map((s) => s.id)).toEqual([a, c]);
    expect(repos.shipments.liveFor(1).map((s) => s.id)).toEqual([c, a]);
    expect(repos.shipments.countKeys('order-SO-1-p1-')).toBe(2);
    expect(repos.shipments.countKeys('order-SO-1-p2-')).toBe(0);
    expect(repos.shipments.byKey('x-1')!.id).toBe(c);
    expect(repos.shipments.byKey('none')).toBeNull();
    store.db
      .prepare(
        "INSERT INTO pack_sessions (id, order_id, station_id, status, opened_at) VALUES ('S1', 1, 'B', 'open', ?)",
      )
      .run(AT);
    repos.shipments.adopt(a, 'S1', '2026-11-30T00:00:00.000Z');
    expect(repos.shipments.byId(a)).toMatchObject({
      session_id: 'S1',
      updated_at: '2026-11-30T00:00:00.000Z',
    });
    repos.shipments.result(c, { status: 'booked', waybillNo: 'W5' }, AT);
    expect(repos.shipments.holderOf('kdniao', 'W5')!.id).toBe(c);
    expect(repos.shipments.holderOf('sf', 'W5')).toBeNull();
  });
});

describe('mismatches.list', () => {
  beforeEach(() => {
    store.db
      .prepare(
        "INSERT INTO pack_sessions (id, order_id, station_id, status, opened_at) VALUES ('S1', 1, 'B', 'open', ?)",
      )
      .run(AT);
    let seq = 0;
    const add = (at: string, type: string, packer: string, sku: string | null, station = 'B') =>
      repos.mismatches.add({
        session_id: 'S1',
        seq: ++seq,
        type,
        order_no: 'SO-1',
        sku,
        code: 'c',
        expected: 'e',
        actual: 'a',
        packer,
        station_id: station,
        at,
      } as never);
    add('2026-11-28T23:59:59.000Z', 'wrong-item', '张伟', 'A');
    add('2026-11-29T00:00:00.000Z', 'over-scan', '张伟', 'B');
    add('2026-11-29T23:59:59.000Z', 'weight', 'Amy', null, 'C');
    add('2026-11-30T00:00:00.000Z', 'over-scan', 'Amy', 'B');
  });
  const ats = (f: Partial<Parameters<Repos['mismatches']['list']>[0]>) =>
    repos.mismatches.list({ limit: 50, ...f }).rows.map((r) => r.at.slice(0, 19));

  it('a bare date as "to" takes that whole day; a timestamp is taken as it is', () => {
    expect(ats({ from: '2026-11-29', to: '2026-11-29' })).toEqual([
      '2026-11-29T23:59:59',
      '2026-11-29T00:00:00',
    ]);
    expect(ats({ to: '2026-11-29T12:00:00.000Z' })).toEqual(['2026-11-29T00:00:00', '2026-11-28T23:59:59']);
    expect(ats({ from: '', to: '' })).toHaveLength(4);
    expect(ats({ to: '2026-11-30' })).toHaveLength(4);
    expect(ats({ to: '2026-12-31' })).toHaveLength(4);
  });

  it('filters by packer, SKU, type, station and resolution, newest first', () => {
    expect(ats({ packer: 'Amy' })).toEqual(['2026-11-30T00:00:00', '2026-11-29T23:59:59']);
    expect(ats({ sku: 'B', type: 'over-scan' })).toHaveLength(2);
    expect(ats({ station: 'C' })).toEqual(['2026-11-29T23:59:59']);
    const first = repos.mismatches.list({ limit: 1 });
    expect(first.total).toBe(4);
    expect(repos.mismatches.resolve(first.rows[0]!.id, 'ok', '李主管', AT)).toBe(true);
    expect(repos.mismatches.resolve(9999, 'ok', '李主管', AT)).toBe(false);
    expect(ats({ resolved: true })).toEqual(['2026-11-30T00:00:00']);
    expect(ats({ resolved: false })).toHaveLength(3);
  });
});

function lastOf(ids: number[], m: { each: (f: object) => Iterable<{ id: number; at: string }> }) {
  const id = ids.at(-1)!;
  const row = [...m.each({})].find((r) => r.id === id)!;
  return { at: row.at, id };
}
const firstOf = (rows: { id: number; at: string }[]) => ({ at: rows[0]!.at, id: rows[0]!.id });

describe('users and PINs', () => {
  it('stores a scrypt hash, never the PIN; a badge-only user has no PIN', () => {
    const u = repos.users.add({ name: '王芳', role: 'packer', badge: 'U7', pin: '4321' });
    expect(u.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(u.pin_hash).not.toContain('4321');
    expect(pinMatches('4321', u.pin_hash)).toBe(true);
    expect(pinMatches('4322', u.pin_hash)).toBe(false);
    expect(pinMatches('4321', null)).toBe(false);
    expect(pinMatches('4321', 'md5$x$y')).toBe(false);
    expect(pinMatches('4321', hashPin('4321').replace('scrypt', 'bcrypt'))).toBe(false);
    const badge = repos.users.add({ name: 'B', role: 'lead', badge: 'L9' });
    expect([badge.pin_hash, repos.users.byBadge('L9')!.name]).toEqual([null, 'B']);
  });
});

describe('sessions', () => {
  it('setStatus moves a box to another bench only when told', () => {
    store.db
      .prepare(
        "INSERT INTO pack_sessions (id, order_id, station_id, status, opened_at) VALUES ('S1', 1, 'B', 'open', ?)",
      )
      .run(AT);
    repos.sessions.setStatus('S1', 'held', AT);
    expect(store.db.prepare('SELECT status, station_id, closed_at FROM pack_sessions').get()).toEqual({
      status: 'held',
      station_id: 'B',
      closed_at: AT,
    });
    repos.sessions.setStatus('S1', 'open', null, 'B-2');
    expect(store.db.prepare('SELECT status, station_id, closed_at FROM pack_sessions').get()).toEqual({
      status: 'open',
      station_id: 'B-2',
      closed_at: null,
    });
  });
});

describe('the charts from per-day counts', () => {
  it('match a count of the rows themselves, for any range, and are filled for rows written before them', () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(join(dir, 's.db'));
      store.db.pragma('foreign_keys = OFF');
      const m = store.repos.mismatches;
      const base = { session_id: 'S', code: null, expected: null, actual: null, station_id: 'B-1' };
      const rows = [
        { seq: 1, type: 'wrong-item', order_no: 'A', sku: 'TEA', packer: '张伟', at: '2026-11-28T23:59:00Z' },
        { seq: 2, type: 'wrong-item', order_no: 'A', sku: 'TEA', packer: '张伟', at: '2026-11-29T01:00:00Z' },
        { seq: 3, type: 'over-scan', order_no: 'B', sku: 'CUP', packer: 'Amy', at: '2026-11-29T02:00:00Z' },
        { seq: 4, type: 'weight', order_no: 'C', sku: null, packer: null, at: '2026-11-30T03:00:00Z' },
      ];
      for (const r of rows) m.add({ ...base, ...r });
      for (const [at, d] of [
        ['2026-11-29T01:00:00Z', 12],
        ['2026-11-29T01:05:00Z', 9],
        ['2026-11-30T01:00:00Z', -31],
      ] as const)
        m.countWeight(at, d);
      expect(m.stats()).toEqual({
        perPackerDay: [
          { day: '2026-11-28', packer: '张伟', count: 1 },
          { day: '2026-11-29', packer: 'Amy', count: 1 },
          { day: '2026-11-29', packer: '张伟', count: 1 },
          { day: '2026-11-30', packer: '-', count: 1 },
        ],
        topSkus: [
          { sku: 'TEA', count: 2 },
          { sku: 'CUP', count: 1 },
        ],
        weightDeviation: [
          { bucketG: -40, count: 1 },
          { bucketG: 0, count: 1 },
          { bucketG: 20, count: 1 },
        ],
      });
      expect(m.stats('2026-11-29', '2026-11-29')).toMatchObject({
        topSkus: [
          { sku: 'CUP', count: 1 },
          { sku: 'TEA', count: 1 },
        ],
        weightDeviation: [
          { bucketG: 0, count: 1 },
          { bucketG: 20, count: 1 },
        ],
      });
      store.close();
    } finally {
      cleanup();
    }
  });
});

describe("the lead's review at any filter", () => {
  const filters = (() => {
    const out: Record<string, unknown>[] = [];
    for (const days of [{}, { from: '2026-11-02' }, { from: '2026-11-02', to: '2026-11-05' }])
      for (const type of [undefined, 'wrong-item'])
        for (const who of [
          {},
          { packer: 'p1' },
          { sku: 'S2' },
          { packer: 'p1', sku: 'S2' },
          { station: 'B-2' },
        ])
          for (const resolved of [undefined, false, true])
            out.push({
              ...days,
              ...(type ? { type } : {}),
              ...who,
              ...(resolved === undefined ? {} : { resolved }),
            });
    return out;
  })();

  it(`reads through an index for each of the ${filters.length} filter combinations, and counts right`, () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(join(dir, 'r.db'));
      store.db.pragma('foreign_keys = OFF');
      const m = store.repos.mismatches;
      for (let i = 0; i < 600; i++)
        m.add({
          session_id: `S${i}`,
          seq: 1,
          type: ['wrong-item', 'over-scan', 'weight'][i % 3]!,
          order_no: `O${i}`,
          sku: `S${i % 4}`,
          code: null,
          expected: null,
          actual: null,
          packer: `p${i % 5}`,
          station_id: `B-${i % 3}`,
          at: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000 * 0.3).toISOString(),
        });
      for (let id = 1; id <= 600; id += 7) m.resolve(id, 'ok', 'lead', '2026-11-30T00:00:00Z');
      // No ANALYZE, as on a bench: the planner's own rules choose, and must find an index for each filter.
      for (const f of filters) {
        const scans = m
          .plans(f)
          .filter((d) => /^SCAN mismatches\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
        expect(scans, JSON.stringify(f)).toEqual([]);
        // A later page reads from its cursor in the same index.
        const after = { at: '2026-11-03T00:00:00.000Z', id: 300 };
        const later = m
          .plans({ ...f, after })
          .filter((d) => /^SCAN mismatches\b/.test(d) && !/INDEX/.test(d));
        expect(later, JSON.stringify({ ...f, after })).toEqual([]);
        // Walking the pages by cursor meets every row once, in order, forward and back.
        const all = [...m.each(f)].map((r) => r.id);
        const forward: number[][] = [];
        for (let page = m.list({ ...f, limit: 7 }).rows; page.length;) {
          forward.push(page.map((r) => r.id));
          const last = page.at(-1)!;
          page = m.list({ ...f, limit: 7, count: false, after: { at: last.at, id: last.id } }).rows;
        }
        expect(forward.flat(), JSON.stringify(f)).toEqual(all);
        if (forward.length > 1) {
          const second = m.list({ ...f, limit: 7, count: false, after: lastOf(forward[0]!, m) });
          expect(second.total).toBeNull();
          const back = m.list({ ...f, limit: 7, before: firstOf(second.rows) });
          expect(back.rows.map((r) => r.id)).toEqual(forward[0]);
        }
        const { clause, args } = (
          m as unknown as { whereOf: (x: object) => { clause: string; args: object } }
        ).whereOf(f);
        const counted = store.db.prepare(`SELECT count(*) FROM mismatches ${clause}`).pluck().get(args);
        expect(m.list({ ...f, limit: 5 }).total, JSON.stringify(f)).toBe(counted);
      }
      store.close();
    } finally {
      cleanup();
    }
  });
});
