import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { cliPath } from '../electron/testing';
import { printTable, type Figure } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-import-'));
const figures: Figure[] = [];
afterAll(() => {
  printTable(
    'orders import through the CLI, each in a fresh process (peak RSS by the process itself)',
    figures,
  );
  rmSync(dir, { recursive: true, force: true });
});

/** A platform export: one to three lines per order, Chinese addresses, about 107 bytes a line. */
function ordersFile(lines: number): string {
  const rows = ['order_no,shop,sku,qty,receiver,province,city,address,phone'];
  for (let order = 1; rows.length <= lines; order++)
    for (let j = 0; j < 1 + (order % 3) && rows.length <= lines; j++)
      rows.push(
        `SO${String(order).padStart(8, '0')},天猫旗舰店,SKU-${j},${1 + (order % 2)},张三,浙江省,杭州市,西湖区文三路${order}号,13800000000`,
      );
  return rows.join('\n') + '\n';
}

/** Runs one CLI command in its own Node and reads back its wall time and its own peak resident memory. */
function cli(args: string[]): { ms: number; maxRssMiB: number; out: string } {
  const runner = `process.on('exit', () => process.stderr.write('\\nmaxrss=' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], ${JSON.stringify(cliPath)}, ...${JSON.stringify(args)}];
await import(${JSON.stringify(cliPath)});`;
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', runner], { encoding: 'utf8' });
  const ms = performance.now() - start;
  const rss = /maxrss=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !rss)
    throw new Error(`packbench ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { ms, maxRssMiB: Number(rss[1]) / 1024, out: r.stdout };
}

const one = (name: string, value: number, unit: string): Figure => ({
  name,
  n: 1,
  median: value,
  p95: value,
  unit,
});

it('imports 1 to 300 000 lines: time and peak memory as the file grows', () => {
  for (const lines of [1, 10_000, 100_000, 300_000]) {
    const config = join(dir, `c-${lines}.json`);
    writeFileSync(
      config,
      JSON.stringify({ station: { id: 'B-IMPORT' }, database: { path: join(dir, `i-${lines}.db`) } }),
    );
    const products = join(dir, 'products.csv');
    writeFileSync(products, 'sku,name,unit_weight_g\nSKU-0,茶,250\nSKU-1,杯,300\nSKU-2,灯,900\n');
    cli(['products', 'import', products, '--config', config]);
    const file = join(dir, `orders-${lines}.csv`);
    const text = ordersFile(lines);
    writeFileSync(file, text);
    const run = cli(['orders', 'import', file, '--config', config]);
    if (!/imported \d+/.test(run.out)) throw new Error(run.out);
    const size = `${lines.toLocaleString('en')} lines (${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB)`;
    figures.push(one(`${size}: wall time, start to exit`, run.ms, 'ms'));
    figures.push(one(`${size}: peak RSS`, run.maxRssMiB, 'MiB'));
  }
}, 600_000);
