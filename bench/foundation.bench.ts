import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { openStore } from '../electron/store';
import { runCli, startServe } from '../electron/testing';
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
async function coldStart(home: string, args: string[] = []): Promise<void> {
  const { child, url } = await startServe(args, { PACKBENCH_HOME: home, PACKBENCH_CONFIG: '' });
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

// A database made by `packbench db seed` (default 100 000 boxes over a year, ~270 MB; the note's 1 GB+ figures come from
// PACKBENCH_YEAR_CONFIG naming a config whose database was seeded beforehand with --boxes 1000000).
it('serve → /healthz on a seeded year of data, and the check a crash adds', async () => {
  let config = process.env.PACKBENCH_YEAR_CONFIG;
  if (!config) {
    config = join(dir, 'year.json');
    writeFileSync(
      config,
      JSON.stringify({ station: { id: 'YEAR-01' }, database: { path: join(dir, 'seeded.db') } }),
    );
    await runCli([
      'db',
      'seed',
      '--boxes',
      '100000',
      '--mismatches',
      '30000',
      '--days',
      '365',
      '--config',
      config,
    ]);
  }
  const db = (JSON.parse(readFileSync(config, 'utf8')) as { database: { path: string } }).database.path;
  const size = `${(statSync(db).size / 2 ** 20).toFixed(0)} MB`;
  const home = join(dir, 'home-year');
  figures.push(
    await measure(
      `serve: start on a seeded database (${size}) -> /healthz`,
      5,
      () => coldStart(home, ['--config', config]),
      1,
    ),
  );
  // After a crash (a write-ahead log left behind) a start first reads every page: what that adds at this size.
  figures.push(
    await measure(
      `db open after a crash (${size}): the full check a start adds`,
      1,
      () => openStore(db, { integrity: 'full' }).close(),
      0,
    ),
  );
}, 900_000);
