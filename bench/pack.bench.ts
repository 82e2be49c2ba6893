import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { ConfigSchema } from '../electron/config';
import { silentLog } from '../electron/log';
import { Station } from '../electron/station';
import { replay, type Envelope } from '../electron/station/pack/box';
import { createRepos, openStore } from '../electron/store';
import { measure, printTable, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-pack-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable('Pack workflow', figures);
  rmSync(dir, { recursive: true, force: true });
});

const ORDERS = 100_000;
const PRODUCTS = 100_000; // × 3 barcodes = 300 000
const file = join(dir, 'big.db');

it('lookups with 100 000 orders and 300 000 barcodes', async () => {
  const store = openStore(file);
  const db = store.db;
  const at = new Date().toISOString();
  db.transaction(() => {
    const p = db.prepare('INSERT INTO products (sku, name, unit_weight_g, updated_at) VALUES (?, ?, 100, ?)');
    const b = db.prepare('INSERT INTO barcodes (code, sku, qty) VALUES (?, ?, ?)');
    for (let i = 0; i < PRODUCTS; i++) {
      const sku = `SKU-${i}`;
      p.run(sku, `Product ${i}`, at);
      b.run(`690${String(i).padStart(10, '0')}`, sku, 1);
      b.run(`691${String(i).padStart(10, '0')}`, sku, 1);
      b.run(`699${String(i).padStart(10, '0')}`, sku, 12);
    }
    const o = db.prepare(
      'INSERT INTO orders (order_no, waybill_no, tote, pick_list, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const l = db.prepare('INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (?, 1, ?, 2)');
    for (let i = 0; i < ORDERS; i++) {
      const id = o.run(
        `SO${i}`,
        `YT${i}`,
        i % 4 === 0 ? `TOTE-${i}` : null,
        i % 10 === 0 ? `PL-${i}` : null,
        at,
        at,
      ).lastInsertRowid;
      l.run(id, `SKU-${i % PRODUCTS}`);
    }
  })();
  const repos = createRepos(db);
  const rnd = (n: number) => Math.floor(Math.random() * n);
  figures.push(
    await measure('open box: order no. → order', 20_000, () => repos.orders.findByCode(`SO${rnd(ORDERS)}`)),
  );
  figures.push(
    await measure('open box: waybill no. → order', 20_000, () => repos.orders.findByCode(`YT${rnd(ORDERS)}`)),
  );
  figures.push(
    await measure('open box: tote id → order', 20_000, () =>
      repos.orders.findByCode(`TOTE-${rnd(ORDERS / 4) * 4}`),
    ),
  );
  figures.push(
    await measure('item scan: barcode → SKU', 20_000, () =>
      repos.products.resolveBarcode(`691${String(rnd(PRODUCTS)).padStart(10, '0')}`),
    ),
  );
  store.close();
});

it('scan → new state event, and replay of a 200-event session', async () => {
  const config = ConfigSchema.parse({ station: { id: 'BENCH' } });
  const station = new Station({
    loaded: { config, source: { kind: 'default', path: null }, databasePath: file },
    version: 'bench',
    log: silentLog,
  });
  station.repos.users.add({ name: 'bench', role: 'packer', badge: 'B-1' });
  const big = station.store.db
    .prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES ('BIG', 'x', 'x')")
    .run().lastInsertRowid;
  station.store.db
    .prepare("INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (?, 1, 'SKU-7', 5000)")
    .run(big);
  station.scan('B-1');
  station.scan('BIG');
  let stateAt = 0;
  station.on('station.state', () => (stateAt = performance.now()));
  figures.push(
    await measure('scan → station.state pushed (ok item, stored first)', 2000, () => {
      const start = performance.now();
      station.scan('6900000000007');
      return stateAt - start;
    }),
  );
  const events = station.store.db
    .prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq LIMIT 200')
    .all(station.pack.box!.sessionId) as {
    session_id: string;
    seq: number;
    payload: string;
    at: string;
    packer: string;
    station_id: string;
  }[];
  const sessionId = station.pack.box!.sessionId;
  figures.push(
    await measure('replay 200-event session (read + fold)', 200, () => {
      const stored = station.repos.sessions.events(sessionId).slice(0, 200);
      replay(
        stored.map(
          (s) =>
            ({
              sessionId: s.sessionId,
              seq: s.seq,
              at: s.at,
              packer: s.packer,
              stationId: s.stationId,
              event: s.payload,
            }) as Envelope,
        ),
      );
    }),
  );
  figures.push(
    await measure('replay 200-event session (fold only)', 2000, () => {
      replay(
        events.map(
          (s) =>
            ({
              sessionId: s.session_id,
              seq: s.seq,
              at: s.at,
              packer: s.packer,
              stationId: s.station_id,
              event: JSON.parse(s.payload),
            }) as Envelope,
        ),
      );
    }),
  );
  await station.close();
});
