import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { openStore } from '../electron/store';
import { startServe } from '../electron/testing';
import { measure, printTable, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable('Foundation', figures);
  rmSync(dir, { recursive: true, force: true });
});

it('database open + migrate', async () => {
  figures.push(
    await measure('db open + migrate (new file)', 50, (i) => openStore(join(dir, `fresh-${i}.db`)).close()),
  );
  const existing = join(dir, 'existing.db');
  openStore(existing).close();
  figures.push(await measure('db open (up to date)', 50, () => openStore(existing).close()));
});

/** Spawn `packbench serve` and poll /healthz until it answers: what a bench PC waits at boot. */
async function coldStart(home: string): Promise<void> {
  const { child, url } = await startServe([], { PACKBENCH_HOME: home, PACKBENCH_CONFIG: '' });
  for (;;) {
    const ok = await fetch(new URL('/healthz', url)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

it('headless station cold start', async () => {
  figures.push(
    await measure(
      'serve: first start (creates db + demo data) -> /healthz',
      10,
      (i) => coldStart(join(dir, `home-${i}`)),
      1,
    ),
  );
  figures.push(
    await measure('serve: restart on existing db -> /healthz', 10, () => coldStart(join(dir, 'home-0')), 1),
  );
});

it('database open at a year of data (~300 MB): the full check against the start after a clean close', async () => {
  const big = join(dir, 'year.db');
  const store = openStore(big);
  // A year of box events, written straight into the table (the bench's own writes would take hours).
  store.db.pragma('foreign_keys = OFF');
  const add = store.db.prepare(
    "INSERT INTO events (session_id, seq, type, payload, at, packer, station_id) VALUES (?, ?, 'scan.checked', ?, ?, '张伟', 'B-01')",
  );
  const payload = JSON.stringify({
    code: '6900012345004',
    check: { result: 'ok', sku: 'TEA-LJ-250' },
    pad: 'x'.repeat(150),
  });
  store.db.transaction(() => {
    for (let i = 0; i < 1_200_000; i++)
      add.run(`S-${Math.floor(i / 20)}`, i % 20, payload, '2026-01-01T00:00:00Z');
  })();
  store.close();
  figures.push(
    await measure(
      'db open, year of data: full page check',
      5,
      () => openStore(big, { integrity: 'full' }).close(),
      1,
    ),
  );
  figures.push(
    await measure('db open, year of data: after a clean close', 20, () => openStore(big).close(), 2),
  );
}, 600_000);
