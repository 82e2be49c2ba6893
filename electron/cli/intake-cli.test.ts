import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config';
import { silentLog } from '../log';
import { Station } from '../station';
import { runCli, tempDir, writeJson } from '../testing';

let dir: string;
let cleanup: () => void;
let config: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  config = writeJson(join(dir, 'config.json'), { station: { id: 'CLI-1' }, database: { path: 'bench.db' } });
});
afterEach(() => cleanup());

const fixture = (name: string) => join(import.meta.dirname, '..', 'intake', 'fixtures', name);

describe('packbench orders/products import', () => {
  it('imports a GBK products file and a GBK orders file', async () => {
    const p = await runCli(['products', 'import', fixture('products-gbk.csv'), '--config', config]);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('gb18030');
    expect(p.stdout).toContain('imported 3, updated 0');
    expect(p.stdout).toMatch(/line 4: warning: SKU LAMP-1 has no unit weight/);
    const o = await runCli(['orders', 'import', fixture('orders-gbk.csv'), '--config', config, '--json']);
    expect(JSON.parse(o.stdout)).toMatchObject({ imported: 2, committed: true });
  });

  it('lists refused rows with line numbers and exits 1', async () => {
    const r = await runCli(['orders', 'import', fixture('orders-bad.csv'), '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 5: refused: quantity 6901234567892 is not plausible/);
    expect(r.stdout).toContain('nothing imported');
  });

  // Bounded memory, shown without timing: a JS heap capped at 40 MB holds the orders of 100 000 lines only if they are
  // written as they are read (the whole file parsed first needed over 96 MB and died).
  it('imports 100 000 lines (10 MB) with the heap capped at 40 MB', async () => {
    writeFileSync(join(dir, 'p.csv'), 'sku,name,unit_weight_g\nSKU-0,茶,250\nSKU-1,杯,300\n');
    const rows = ['order_no,shop,sku,qty,receiver,province,city,address'];
    for (let o = 1; rows.length <= 100_000; o++)
      for (let j = 0; j < 2; j++)
        rows.push(`SO${o},天猫旗舰店,SKU-${j},1,张三,浙江省,杭州市,西湖区文三路${o}号`);
    writeFileSync(join(dir, 'o.csv'), rows.join('\n'));
    expect((await runCli(['products', 'import', join(dir, 'p.csv'), '--config', config])).code).toBe(0);
    const r = await runCli(['orders', 'import', join(dir, 'o.csv'), '--config', config], {
      NODE_OPTIONS: '--max-old-space-size=40',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('imported 50000, updated 0');
  }, 60_000);

  it('refuses a file with missing columns, naming them', async () => {
    writeFileSync(join(dir, 'x.csv'), 'foo,bar\n1,2\n');
    const r = await runCli(['orders', 'import', join(dir, 'x.csv'), '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing columns: order_no, sku, qty/);
  });
});

describe('packbench mismatches export', () => {
  beforeEach(async () => {
    await runCli(['products', 'import', fixture('products-utf8.csv'), '--config', config]);
    await runCli(['orders', 'import', fixture('orders-gbk.csv'), '--config', config]);
    await runCli([
      'users',
      'add',
      '--name',
      '王五',
      '--role',
      'packer',
      '--badge',
      'B-5',
      '--config',
      config,
    ]);
    // Pack with a wrong item and an unknown code, through the station itself.
    const station = new Station({
      loaded: {
        config: ConfigSchema.parse({ station: { id: 'CLI-1' } }),
        source: { kind: 'flag', path: config },
        databasePath: join(dir, 'bench.db'),
      },
      version: 't',
      log: silentLog,
    });
    station.scan('B-5');
    station.scan('SO-1');
    station.scan('=cmd|calc'); // unknown barcode that would be a formula in Excel
    station.scan('6901234500028'); // LAMP-1: not in the order
    await station.close();
  });

  it('writes a CSV Excel opens (UTF-8 BOM, formulas defused)', async () => {
    const out = join(dir, 'm.csv');
    const r = await runCli([
      'mismatches',
      'export',
      '--from',
      '2000-01-01',
      '--to',
      '2999-12-31',
      '--out',
      out,
      '--config',
      config,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 mismatches');
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('"wrong-item","SO-1","LAMP-1"');
    expect(text).toContain(`"'=cmd|calc"`);
    expect(text).toContain('"王五","CLI-1"');
  });

  it('writes an XLSX workbook', async () => {
    const out = join(dir, 'm.xlsx');
    expect((await runCli(['mismatches', 'export', '--out', out, '--config', config])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const types = [sheet.getRow(2).getCell(2).value, sheet.getRow(3).getCell(2).value];
    expect(types.sort()).toEqual(['unknown-barcode', 'wrong-item']);
  });

  it('refuses a bad date', async () => {
    const r = await runCli([
      'mismatches',
      'export',
      '--from',
      '29/11/2026',
      '--out',
      join(dir, 'm.csv'),
      '--config',
      config,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('YYYY-MM-DD');
  });
});
