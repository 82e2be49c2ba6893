import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../../testing';
import { postgresMissing, startPostgres, type PgCluster } from '../../testing/postgres';
import { Warehouse } from '.';

// The README's GRANT script, run as written: the admin role migrates, a bench role does a bench's work and no more.
const missing = postgresMissing();
let cluster: PgCluster;

beforeAll(async () => {
  if (!missing) cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.stop());

function readmeGrants(): { asSuperuser: string; asAdmin: string } {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Warehouse'));
  const sql = /```sql\n([\s\S]*?)```/.exec(section)![1]!.replace(/'…'/g, "'secret'");
  const [asSuperuser, asAdmin] = sql.split(/^\s*-- after migrating, as packbench_admin:\s*$/m);
  return { asSuperuser: asSuperuser!, asAdmin: asAdmin! };
}

async function run(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

it.skipIf(missing)(
  'the README roles: the admin migrates; a bench claims, pushes and reads, and cannot drop',
  async () => {
    const { asSuperuser, asAdmin } = readmeGrants();
    cluster.createDatabase('warehouse');
    const as = (user: string) => `postgres://${user}:secret@127.0.0.1:${cluster.port}/warehouse`;
    await run(as('postgres'), asSuperuser);
    const admin = new Warehouse({ url: as('packbench_admin') });
    await admin.migrate();
    await run(as('packbench_admin'), asAdmin);
    await admin.close();

    const bench = new Warehouse({ url: as('bench01') });
    try {
      await bench.writeOrders([
        { orderNo: 'R-1', header: {}, lines: [{ sku: 'TEA-1', name: null, qty: 1 }] },
      ]);
      expect(await bench.claim('R-1', 'B-01', '张伟')).toEqual({ result: 'claimed', orderNo: 'R-1' });
      await bench.push(
        'B-01',
        [
          {
            sessionId: 'S1',
            seq: 1,
            type: 'box.opened',
            payload: '{"order":{"orderNo":"R-1"}}',
            at: '2026-11-30T04:00:00Z',
            packer: '张伟',
          },
        ],
        [],
      );
      await bench.heartbeat('B-01', { packer: '张伟' });
      expect((await bench.mismatches({ limit: 10, offset: 0 })).total).toBe(0);
      await expect(bench.pool.query('DROP TABLE events')).rejects.toThrow(/must be owner/);
      await expect(bench.migrate()).rejects.toThrow();
    } finally {
      await bench.close();
    }
  },
);
