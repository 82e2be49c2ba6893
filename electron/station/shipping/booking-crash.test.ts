import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { kdniaoBenchConfig, startKdniaoFake, type KdniaoFake } from '../../carriers/fakes';
import { startServe, tempDir, waitFor, writeJson } from '../../testing';
import { stationClient } from '../../testing/rpc';

let dir: string;
let cleanup: () => void;
let fake: KdniaoFake;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  fake = await startKdniaoFake('1234567', 'k');
});
afterEach(async () => {
  await fake.close();
  cleanup();
});

const rpc = stationClient;

it('SIGKILL while a booking is in flight: after restart exactly one waybill, at the carrier and in the database', async () => {
  const config = writeJson(
    join(dir, 'config.json'),
    kdniaoBenchConfig(fake, dir, { stationId: 'CRASH-B', carriers: { timeoutMs: 10_000 } }),
  );
  // The carrier commits the booking, then the answer is slow: the bench dies before it arrives.
  fake.fault = 'stall-after-commit';
  fake.stallMs = 30_000;
  const first = await startServe(['--config', config]);
  const c = rpc(first.url);
  await c.ready;
  for (const code of ['U1001', 'SO202611290002', 'BOX-S', '6900012345141', '6900012345493', '6900012345493'])
    await c.call('scan.submit', { code });
  await c.call('scale.setVirtual', { grams: 912 });
  await waitFor(() => fake.orders.size === 1, 8000, 'the carrier committed');
  await waitFor(() => c.state()?.box?.shipment?.status === 'requesting', 3000, 'booking in flight');
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  c.close();

  fake.fault = 'none';
  const second = await startServe(['--config', config]);
  const c2 = rpc(second.url);
  await c2.ready;
  try {
    let phase = '';
    for (let i = 0; i < 100 && phase !== 'labelling'; i++) {
      phase = ((await c2.call('station.getState')) as { phase: string }).phase;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(phase).toBe('labelling');
  } finally {
    c2.close();
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }
  expect(fake.orders.size).toBe(1);
  const db = new Sqlite(join(dir, 'bench.db'), { readonly: true });
  const rows = db.prepare('SELECT status, waybill_no FROM shipments').all();
  db.close();
  expect(rows).toEqual([{ status: 'booked', waybill_no: [...fake.orders.values()][0]!.LogisticCode }]);
});
