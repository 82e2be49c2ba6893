import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'pg';
import { runCli } from '../electron/testing';
import { postgresMissing, startPostgres, type PgCluster } from '../electron/testing/postgres';
import { wedgeScan } from './rig';
import { expect, startStation, stopStation, test, type RunningStation } from './station';

// A bench in warehouse mode, in the browser: the lead's board and an admin changing the rules for every bench.
const missing = postgresMissing();
let pg: PgCluster;
let url: string;
let dir: string;
let station: RunningStation;

test.beforeAll(async () => {
  test.skip(missing !== null, missing ?? '');
  pg = await startPostgres();
  url = pg.createDatabase('warehouse');
  dir = mkdtempSync(join(tmpdir(), 'packbench-e2e-wh-'));
  const admin = join(dir, 'admin.json');
  writeFileSync(
    admin,
    JSON.stringify({ station: { id: 'ADMIN' }, database: { path: 'a.db' }, warehouse: { postgresUrl: url } }),
  );
  const r = await runCli(['warehouse', 'migrate', '--config', admin], { PACKBENCH_HOME: join(dir, 'home') });
  expect(r.code, r.stderr).toBe(0);
  station = await startStation({
    station: { id: 'E2E-WH', locale: 'en' },
    demoData: true,
    warehouse: { postgresUrl: url },
  });
});
test.afterAll(async () => {
  if (missing) return;
  await stopStation(station);
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the Benches page shows the warehouse live; an admin changes the tolerance for every bench', async ({
  page,
}) => {
  await page.goto(`${station.url}#/benches`);
  await expect(page.getByRole('heading', { level: 1, name: 'Benches of the warehouse' })).toBeVisible();
  await expect(page.getByTestId('bench-E2E-WH')).toBeVisible({ timeout: 10_000 });

  await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Change the rules for every bench (admin)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the rules for every bench (admin)' });
  await dialog.getByLabel('Tolerance (g)').fill('75');
  // The admin's badge scanned at the bench fills the dialog.
  await wedgeScan(page, 'A9001');
  await expect(dialog.getByLabel('Admin (name or badge)')).toHaveValue('admin');
  for (const d of '9999') await dialog.getByRole('button', { name: d, exact: true }).click();
  await dialog.getByRole('button', { name: 'Save for every bench' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/± max\(75 g, 5 %\)/)).toBeVisible();

  const client = new postgres.Client({ connectionString: url });
  await client.connect();
  const audit = await client.query('SELECT key, changed_by FROM rules_audit ORDER BY id');
  await client.end();
  expect(audit.rows).toEqual([
    { key: 'weight', changed_by: 'admin' },
    { key: 'reasons', changed_by: 'admin' },
  ]);
});

test("交接 at the lead's PC: a box another bench packed waits on the shelf, is loaded by scan, and leaves the shelf", async ({
  page,
}) => {
  const client = new postgres.Client({ connectionString: url });
  await client.connect();
  // As the replicator projects a box that bench B-09 closed.
  await client.query(
    `INSERT INTO shipments (waybill_no, carrier, order_no, bench_id, session_id, status, booked_at, closed_at)
     VALUES ('ZT9000000001', 'zto', 'SO-E2E-9', 'B-09', 'S-9', 'booked', now(), now())`,
  );
  await client.end();
  await page.goto(`${station.url}#/handover`);
  const shelf = page.getByTestId('shelf');
  await expect(shelf.getByRole('row', { name: /^ZTO Express B-09 1 box / })).toBeVisible();
  await page.getByLabel('Carrier').selectOption('zto');
  await page.getByRole('button', { name: 'Open a batch' }).click();
  await expect(page.getByRole('status', { name: 'Batch' })).toContainText('ZTO Express');
  await wedgeScan(page, 'ZT9000000001');
  await expect(page.getByTestId('handover-result')).toHaveText('Loaded ZT9000000001 (1)');
  await expect(
    page.getByRole('table', { name: 'Batch' }).getByRole('row', { name: /SO-E2E-9/ }),
  ).toContainText('B-09');
  await expect(page.getByText('No closed box is waiting')).toBeVisible();
});
