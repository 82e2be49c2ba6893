import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cliPath, runCli, tempDir, writeJson } from '../testing';
import Sqlite from 'better-sqlite3';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

it('two processes allocating from one pool never get the same number', async () => {
  const config = writeJson(join(dir, 'c.json'), {
    station: { id: 'P' },
    database: { path: 'b.db' },
    carriers: { pool: { carrierName: 'zto' } },
  });
  writeFileSync(
    join(dir, 'o.csv'),
    'order_no,sku,qty,receiver,province,city\nSO202611290001,TEA,1,张三,浙江省,杭州市\n',
  );
  writeFileSync(
    join(dir, 'pool.txt'),
    Array.from({ length: 400 }, (_, i) => `ZT${String(7700000000 + i)}`).join('\n'),
  );
  expect((await runCli(['orders', 'import', join(dir, 'o.csv'), '--config', config])).code).toBe(0);
  expect(
    (await runCli(['carrier', 'pool-import', join(dir, 'pool.txt'), '--config', config])).stdout,
  ).toContain('added 400 numbers');
  await runCli(['carrier', 'book', '--carrier', 'pool', '--order', 'SO202611290001', '--config', config]);
  const book = () =>
    new Promise<string>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          cliPath,
          'carrier',
          'book',
          '--carrier',
          'pool',
          '--order',
          'SO202611290001',
          '--repeat',
          '150',
          '--json',
          '--config',
          config,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => resolve(out));
    });
  const [a, b] = await Promise.all([book(), book()]);
  const numbers = [...JSON.parse(a), ...JSON.parse(b)].map(
    (r: { details: { waybillNo: string } }) => r.details.waybillNo,
  );
  expect(numbers).toHaveLength(300);
  expect(new Set(numbers).size).toBe(300);
  const db = new Sqlite(join(dir, 'b.db'), { readonly: true });
  expect(db.prepare("SELECT count(*) FROM waybill_pool WHERE status = 'used'").pluck().get()).toBe(301);
  db.close();
});
