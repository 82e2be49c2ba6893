import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLog } from '../../log';
import { openStore, Warehouse, warehouseMigrations, type Store } from '../../store';
import { tempDir } from '../../testing';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { WarehouseLink } from './link';

// A bench older than its warehouse's schema: it leaves the warehouse alone and says so, instead of writing into
// tables it does not understand.
const missing = postgresMissing();
let pg: PgCluster;
let store: Store;
let cleanup: () => void;
beforeAll(async () => {
  if (missing) return;
  pg = await startPostgres();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  store = openStore(join(dir, 'bench.db'));
}, 60_000);
afterAll(() => {
  if (missing) return;
  store.close();
  cleanup();
  pg.stop();
});

it.skipIf(missing)(
  'a warehouse migrated past this bench: nothing pushed, nothing claimed, the reason shown',
  async () => {
    const url = pg.createDatabase('newer');
    const w = new Warehouse({ url });
    await w.migrate();
    await w.pool.query("INSERT INTO schema_migrations (version, name) VALUES (990, 'from the future')");
    const changes: unknown[] = [];
    const link = new WarehouseLink({
      warehouse: new Warehouse({ url }),
      repos: store.repos,
      bench: 'OLD-1',
      log: silentLog,
      now: () => new Date('2026-11-30T05:00:00Z'),
      changed: () => changes.push(link.state),
      pool: { carrier: 'demo', lease: 5 },
      intercepted: () => undefined,
      applyRules: () => undefined,
      doing: () => ({ packer: null, orderNo: null, phase: 'idle' }),
    });
    await link.sync();
    const known = warehouseMigrations.at(-1)!.version;
    expect(link.state).toMatchObject({ online: false, newerSchema: { found: 990, known } });
    expect(await link.claim('SO-1', 'p')).toEqual({ result: 'offline' });
    const benches = await w.pool.query('SELECT count(*)::int AS n FROM benches');
    expect(benches.rows[0].n).toBe(0);
    expect(changes.length).toBeGreaterThan(0);
    await link.stop();
    await w.close();
  },
);

it.skipIf(missing)(
  'a warehouse not yet migrated to this bench: nothing pushed, the reason shown; migrated, the bench carries on',
  async () => {
    const url = pg.createDatabase('older');
    const w = new Warehouse({ url });
    await w.migrate(warehouseMigrations.slice(0, -1));
    const link = new WarehouseLink({
      warehouse: new Warehouse({ url }),
      repos: store.repos,
      bench: 'NEW-1',
      log: silentLog,
      now: () => new Date('2026-11-30T05:00:00Z'),
      changed: () => undefined,
      pool: { carrier: 'demo', lease: 5 },
      intercepted: () => undefined,
      applyRules: () => undefined,
      doing: () => ({ packer: null, orderNo: null, phase: 'idle' }),
    });
    const known = warehouseMigrations.at(-1)!.version;
    const found = warehouseMigrations.at(-2)!.version;
    await link.sync();
    expect(link.state).toMatchObject({ olderSchema: { found, known } });
    expect(await link.claim('SO-1', 'p')).toEqual({ result: 'offline' });
    await w.migrate();
    await link.sync();
    expect(link.state).toMatchObject({ olderSchema: null });
    const benches = await w.pool.query('SELECT id FROM benches');
    expect(benches.rows).toEqual([{ id: 'NEW-1' }]);
    await link.stop();
    await w.close();
  },
);
