import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { ConfigSchema, EMBEDDED_DEFAULT } from '../electron/config';
import { CODECS, ReadingPipeline, SCALE_PROTOCOLS } from '../electron/devices/scale';
import { silentLog } from '../electron/log';
import { Station } from '../electron/station';
import { printTable, summarize, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-scale-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable('Scales', figures);
  rmSync(dir, { recursive: true, force: true });
});

it('codec throughput', () => {
  for (const p of SCALE_PROTOCOLS) {
    const codec = CODECS[p];
    const one = codec.frame({ grams: 1234, stable: true }, 'kg');
    const n = 20_000;
    const stream = new Uint8Array(one.length * n);
    for (let i = 0; i < n; i++) stream.set(one, i * one.length);
    // 20 runs over the stream: each gives the mean time per frame; the spread is across runs, not one mean twice.
    const perFrame: number[] = [];
    let frames = 0;
    for (let run = 0; run < 20; run++) {
      const decoder = codec.decoder('kg');
      const start = performance.now();
      frames = 0;
      for (let o = 0; o < stream.length; o += 64) frames += decoder.push(stream.subarray(o, o + 64)).length;
      perFrame.push((performance.now() - start) / frames);
    }
    const f = summarize(
      `${p}: decode, mean per frame over ${frames.toLocaleString('en')} frames (20 runs)`,
      perFrame,
    );
    figures.push({
      ...f,
      name: `${f.name}: ${Math.round(1 / (f.median / 1000)).toLocaleString('en')} frames/s`,
    });
  }
});

it('stable frame’s last byte → weight verdict pushed', () => {
  const config = ConfigSchema.parse({ ...EMBEDDED_DEFAULT, station: { id: 'BS' } });
  const station = new Station({
    loaded: { config, source: { kind: 'default', path: null }, databasePath: join(dir, 'b.db') },
    version: 'b',
    log: silentLog,
  });
  const db = station.store.db;
  const n = 300;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = db
        .prepare("INSERT INTO orders (order_no, created_at, updated_at) VALUES (?, 'x', 'x')")
        .run(`BN-${i}`).lastInsertRowid;
      db.prepare("INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (?, 1, 'TEA-LJ-250', 1)").run(
        id,
      );
    }
  })();
  station.scan('U1001');
  const codec = CODECS['toledo-continuous'];
  const decoder = codec.decoder('kg');
  const pipeline = new ReadingPipeline((r) => station.onScaleReading(r), {
    stableWindowMs: 500,
    nearZeroG: 20,
  });
  const feed = (bytes: Uint8Array) => {
    for (const f of decoder.push(bytes)) pipeline.frame(f);
  };
  const verdict = { at: 0 };
  station.on('station.state', (s) => {
    if (s.feedback?.kind.startsWith('weight-')) verdict.at = performance.now();
  });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    station.scan(`BN-${i}`);
    station.scan('BOX-S');
    station.scan('6900012345004');
    feed(codec.frame({ grams: 0, stable: true }, 'kg')); // lift the last box
    const frame = codec.frame({ grams: 425, stable: true }, 'kg'); // 280 g tea + 140 g box
    feed(frame.subarray(0, frame.length - 1));
    verdict.at = 0;
    const start = performance.now();
    feed(frame.subarray(frame.length - 1));
    if (verdict.at) times.push(verdict.at - start);
    station.scan('PB:HOLD:other');
  }
  figures.push(summarize('last byte of a stable frame → verdict event (stored first)', times));
  void station.close();
});
