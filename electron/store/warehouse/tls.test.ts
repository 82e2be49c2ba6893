import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, warehouseConnectionOf } from '../../config';
import { runCli, tempDir } from '../../testing';
import { makeTestTls, postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { Warehouse } from '.';

// A warehouse that takes TLS only (a real PostgreSQL with its own CA's certificate), reached through a bench's config:
// verify-full with the CA, require, and the ways it must refuse — no TLS, or a certificate from another CA.
const missing = postgresMissing();
let pg: PgCluster;
let dir: string;
let cleanup: () => void;
let url: string;

beforeAll(async () => {
  if (missing) return;
  ({ dir, cleanup } = tempDir());
  mkdirSync(join(dir, 'ca'));
  mkdirSync(join(dir, 'other'));
  const tls = makeTestTls(join(dir, 'ca'));
  writeFileSync(join(dir, 'warehouse-ca.pem'), tls.caCert);
  writeFileSync(join(dir, 'other-ca.pem'), makeTestTls(join(dir, 'other')).caCert);
  pg = await startPostgres({ tls });
  url = pg.createDatabase('warehouse');
}, 60_000);
afterAll(() => {
  if (missing) return;
  pg.stop();
  cleanup();
});

/** A bench's config file with this warehouse section, and the connection the bench would make from it. */
function bench(warehouse: object): { file: string; warehouse: Warehouse } {
  const file = join(dir, `bench-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      station: { id: 'B-TLS' },
      database: { path: 'b.db' },
      warehouse: { postgresUrl: url, ...warehouse },
    }),
  );
  const c = warehouseConnectionOf(loadConfig(file, { platform: 'linux', env: {}, home: dir }), {}, 'test')!;
  return { file, warehouse: new Warehouse({ ...c, max: 1 }) };
}

async function using<T>(w: Warehouse, fn: (w: Warehouse) => Promise<T>): Promise<T> {
  try {
    return await fn(w);
  } finally {
    await w.close();
  }
}

describe.skipIf(missing)('the warehouse over TLS', () => {
  it('verify-full with the warehouse CA: migrated and used over an encrypted connection', async () => {
    const { warehouse } = bench({ tls: 'verify-full', ca: 'warehouse-ca.pem' });
    await using(warehouse, async (w) => {
      await w.migrate();
      const r = await w.pool.query<{ ssl: boolean }>(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(r.rows[0]!.ssl).toBe(true);
    });
  });

  it('require: encrypted, without checking whose certificate', async () => {
    await using(bench({ tls: 'require' }).warehouse, async (w) =>
      expect(await w.schemaVersion()).toBeGreaterThan(0),
    );
  });

  it('refused: no TLS at a TLS-only warehouse, and a certificate another CA signed', async () => {
    await using(bench({ tls: 'disable' }).warehouse, (w) =>
      expect(w.schemaVersion()).rejects.toThrow(/no encryption/),
    );
    await using(bench({ tls: 'verify-full', ca: 'other-ca.pem' }).warehouse, (w) =>
      expect(w.schemaVersion()).rejects.toThrow(/certificate/),
    );
  });

  it('IT checks it from the command line: warehouse status over verify-full', async () => {
    const { file, warehouse } = bench({ tls: 'verify-full', ca: 'warehouse-ca.pem' });
    await warehouse.close();
    const r = await runCli(['warehouse', 'status', '--json', '--config', file], {
      PACKBENCH_HOME: join(dir, 'home'),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 130 });
    const bad = bench({ tls: 'verify-full', ca: 'other-ca.pem' });
    await bad.warehouse.close();
    const refused = await runCli(['warehouse', 'status', '--config', bad.file], {
      PACKBENCH_HOME: join(dir, 'home'),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^warehouse postgres:\/\/127\.0\.0\.1:\d+\/warehouse: .*certificate/m);
  });
});
