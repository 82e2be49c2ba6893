import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { tempDir } from '../testing';
import { decodeText, importFile } from './index';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const NOW = new Date('2026-11-29T08:00:00Z');

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 'bench.db'));
});
afterEach(() => {
  store.close();
  cleanup();
});

const csv = (text: string) => Buffer.from(text, 'utf8');
const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('decoding', () => {
  it('reads GBK as saved by Chinese Excel, and UTF-8 with or without BOM', () => {
    expect(decodeText(fixture('products-gbk.csv'))).toMatchObject({ encoding: 'gb18030' });
    expect(decodeText(fixture('products-gbk.csv')).text).toContain('西湖龙井');
    expect(
      decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('products-utf8.csv')])).encoding,
    ).toBe('utf-8-bom');
  });
  it('refuses bytes that are neither', () => {
    expect(() => decodeText(Buffer.from([0x81, 0x30, 0xff, 0xfe, 0x00, 0x80]))).toThrow(
      /neither UTF-8 nor GB18030/,
    );
  });
});

describe('products import', () => {
  it.each(['products-utf8.csv', 'products-gbk.csv'])(
    'imports the Chinese preset from %s: aliases, case packs, missing weight flagged',
    async (name) => {
      const report = await importFile(store.repos, 'products', name, fixture(name), NOW);
      expect(report).toMatchObject({ preset: 'cn-platform', imported: 3, committed: true, refused: [] });
      expect(report.warnings).toEqual([
        { line: 4, reason: expect.stringContaining('LAMP-1 has no unit weight') },
      ]);
      expect(store.db.prepare('SELECT sku, qty FROM barcodes ORDER BY code').all()).toEqual([
        { sku: 'CUP-1', qty: 1 },
        { sku: 'LAMP-1', qty: 1 },
        { sku: 'TEA-1', qty: 1 },
        { sku: 'TEA-1', qty: 1 },
        { sku: 'CUP-1', qty: 12 },
      ]);
      expect(store.db.prepare("SELECT name, unit_weight_g FROM products WHERE sku = 'TEA-1'").get()).toEqual({
        name: '西湖龙井 250g',
        unit_weight_g: 280,
      });
    },
  );

  it('refuses a barcode given to two SKUs, naming both, and writes nothing', async () => {
    const report = await importFile(
      store.repos,
      'products',
      'p.csv',
      csv('sku,name,barcodes\nA,Apple,111;222\nB,Banana,222\n'),
      NOW,
    );
    expect(report.committed).toBe(false);
    expect(report.refused).toEqual([{ line: 3, reason: 'barcode 222 is given to both A (line 2) and B' }]);
    expect(count('products')).toBe(0);
  });

  it('refuses a barcode that already belongs to another SKU in the database', async () => {
    await importFile(store.repos, 'products', 'p.csv', csv('sku,name,barcodes\nA,Apple,111\n'), NOW);
    const report = await importFile(
      store.repos,
      'products',
      'p.csv',
      csv('sku,name,barcodes\nB,Banana,111\n'),
      NOW,
    );
    expect(report.refused[0]?.reason).toBe('barcode 111 already belongs to A; it cannot also be B');
  });

  it('imports kits whose components come later in the file', async () => {
    const report = await importFile(
      store.repos,
      'products',
      'p.csv',
      csv('sku,name,kit_components,kit_accepts_own_barcode\nSET,Set,A*2;B*1,yes\nA,a,,\nB,b,,\n'),
      NOW,
    );
    expect(report.committed).toBe(true);
    expect(
      store.db
        .prepare("SELECT component_sku, qty FROM kit_components WHERE kit_sku = 'SET' ORDER BY 1")
        .all(),
    ).toEqual([
      { component_sku: 'A', qty: 2 },
      { component_sku: 'B', qty: 1 },
    ]);
  });

  it('reads XLSX files', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('商品');
    sheet.addRow(['商品编码', '商品名称', '条码', '单件重量(g)']);
    sheet.addRow(['X-1', '测试商品', '6900000000017', 120]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const report = await importFile(store.repos, 'products', 'p.xlsx', bytes, NOW);
    expect(report).toMatchObject({ encoding: 'xlsx', imported: 1, committed: true });
    expect(store.db.prepare("SELECT unit_weight_g FROM products WHERE sku = 'X-1'").pluck().get()).toBe(120);
  });
});

describe('orders import', () => {
  it('imports a GBK platform export, one row per line, with holds', async () => {
    await importFile(store.repos, 'products', 'p.csv', fixture('products-utf8.csv'), NOW);
    const report = await importFile(store.repos, 'orders', 'o.csv', fixture('orders-gbk.csv'), NOW);
    expect(report).toMatchObject({
      preset: 'cn-platform',
      encoding: 'gb18030',
      imported: 2,
      committed: true,
    });
    expect(
      store.db
        .prepare(
          "SELECT sku, qty FROM order_lines JOIN orders ON orders.id = order_id WHERE order_no = 'SO-1' ORDER BY line_no",
        )
        .all(),
    ).toEqual([
      { sku: 'TEA-1', qty: 2 },
      { sku: 'CUP-1', qty: 1 },
    ]);
    expect(
      store.db.prepare("SELECT status, hold_reason, receiver_name FROM orders WHERE order_no = 'SO-2'").get(),
    ).toEqual({ status: 'held', hold_reason: '待客审', receiver_name: '李四' });
  });

  it('reports every bad row with its line and imports nothing', async () => {
    const report = await importFile(store.repos, 'orders', 'bad.csv', fixture('orders-bad.csv'), NOW);
    expect(report.committed).toBe(false);
    expect(report.refused).toEqual([
      { line: 3, reason: 'quantity -1 is negative: it must be from 1 to 9999' },
      { line: 4, reason: 'SKU is empty' },
      { line: 5, reason: expect.stringMatching(/quantity 6901234567892 is not plausible/) },
      { line: 6, reason: 'quantity "abc" is not a whole number' },
      { line: 7, reason: 'order A-1 appears twice in this file (first at line 2)' },
    ]);
    expect(count('orders')).toBe(0);
  });

  it('two rows of one SKU in one order become one line of their sum, with a warning naming both lines', async () => {
    const report = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv('order_no,sku,qty\nD-1,TEA-1,2\nD-1,CUP-1,1\nD-1,TEA-1,3\n'),
      NOW,
    );
    expect(report.committed).toBe(true);
    expect(report.warnings).toContainEqual({
      line: 4,
      reason: 'SKU TEA-1 is on line 2 of order D-1 too: merged into one line of 5',
    });
    expect(
      store.db
        .prepare(
          "SELECT sku, qty FROM order_lines JOIN orders ON orders.id = order_id WHERE order_no = 'D-1' ORDER BY line_no",
        )
        .all(),
    ).toEqual([
      { sku: 'TEA-1', qty: 5 },
      { sku: 'CUP-1', qty: 1 },
    ]);
  });

  it('says why a quantity is refused, in words', async () => {
    const report = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv('order_no,sku,qty\nQ-1,TEA-1,1.5\nQ-2,TEA-1,0\nQ-3,TEA-1,\n'),
      NOW,
    );
    expect(report.refused).toEqual([
      { line: 2, reason: 'quantity 1.5 has a fraction: it must be a whole number from 1 to 9999' },
      { line: 3, reason: 'quantity is 0: it must be at least 1' },
      { line: 4, reason: 'quantity is empty: it must be a whole number from 1 to 9999' },
    ]);
  });

  it('names missing columns', async () => {
    await expect(
      importFile(store.repos, 'orders', 'x.csv', csv('order,product\n1,2\n'), NOW),
    ).rejects.toThrow(/missing columns: .*sku, qty/);
  });

  it('refuses a truncated CSV (open quote) as a whole', async () => {
    await expect(
      importFile(store.repos, 'orders', 'x.csv', csv('order_no,sku,qty\nA,"B,1\n'), NOW),
    ).rejects.toThrow(/not a readable CSV/);
  });

  // The file is written order by order as it is read (in batches, in one transaction): a fault far down it undoes all.
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => `M-${i},TEA-1,1\nM-${i},CUP-1,2`).join('\n') + '\n';
  it('writes nothing when the file turns unreadable after thousands of orders were written', async () => {
    await expect(
      importFile(store.repos, 'orders', 'x.csv', csv(`order_no,sku,qty\n${many(3000)}Z-1,"TEA-1,1\n`), NOW),
    ).rejects.toThrow(/x\.csv: not a readable CSV/);
    expect(count('orders')).toBe(0);
    expect(count('order_lines')).toBe(0);
  });
  it('writes nothing when the last order is refused by the database, and still reports every refusal', async () => {
    await importFile(store.repos, 'orders', 'o.csv', csv('order_no,sku,qty\nP-1,TEA-1,1\n'), NOW);
    store.db.prepare("UPDATE orders SET status = 'packed'").run();
    const report = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv(`order_no,sku,qty\n${many(2000)}X-1,TEA-1,0\nP-1,TEA-1,2\n`),
      NOW,
    );
    expect(report).toMatchObject({ committed: false, rows: 4002, imported: 0 });
    expect(report.refused).toEqual([
      { line: 4002, reason: 'quantity is 0: it must be at least 1' },
      { line: 4003, reason: 'order P-1 was already packed' },
    ]);
    expect(count('orders')).toBe(1);
  });
  it('a refused first row of an order does not make its next row a second order', async () => {
    const report = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv('order_no,sku,qty\nR-1,TEA-1,0\nR-1,CUP-1,1\nR-2,TEA-1,1\nR-1,TEA-1,1\n'),
      NOW,
    );
    expect(report.refused).toEqual([
      { line: 2, reason: 'quantity is 0: it must be at least 1' },
      { line: 5, reason: 'order R-1 appears twice in this file (first at line 2)' },
    ]);
  });
  it('imports 3 000 orders over several batches in one go', async () => {
    const report = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv(`order_no,sku,qty\n${many(3000)}`),
      NOW,
    );
    expect(report).toMatchObject({ committed: true, rows: 6000, imported: 3000, refused: [] });
    expect(count('order_lines')).toBe(6000);
  });

  it('updates an order not yet packed, refuses one already packed', async () => {
    await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv('order_no,sku,qty,receiver\nA-1,TEA-1,1,Old\n'),
      NOW,
    );
    const again = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv('order_no,sku,qty,receiver\nA-1,TEA-1,3,New\n'),
      NOW,
    );
    expect(again).toMatchObject({ updated: 1, imported: 0, committed: true });
    expect(store.db.prepare("SELECT receiver_name FROM orders WHERE order_no = 'A-1'").pluck().get()).toBe(
      'New',
    );
    expect(store.db.prepare('SELECT qty FROM order_lines').pluck().all()).toEqual([3]);
    store.db
      .prepare("UPDATE orders SET status = 'packed', packed_at = '2026-11-28T10:00:00Z', packed_by = '张伟'")
      .run();
    const packed = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv('order_no,sku,qty\nA-1,TEA-1,5\n'),
      NOW,
    );
    expect(packed.refused).toEqual([
      { line: 2, reason: 'order A-1 was already packed at 2026-11-28T10:00:00Z by 张伟' },
    ]);
  });
});

describe('customs columns (跨境)', () => {
  it('Chinese product headers and generic order headers: the declaration data kept beside each; a file without them keeps it', async () => {
    const products = await importFile(
      store.repos,
      'products',
      'p.csv',
      csv(
        '商品编码,商品名称,单件重量(g),HS编码,申报品名(英文),申报品名(中文),原产国,危险品\n' +
          'PB-1,充电宝,200,8507.60.00 90,Power bank,充电宝,cn,UN3481\n' +
          'MUG-1,马克杯,350,6912.00.10,Ceramic mug,马克杯,CN,否\n',
      ),
      NOW,
    );
    expect(products.refused).toEqual([]);
    expect(Object.fromEntries(store.repos.customs.ofProducts(['PB-1', 'MUG-1']))).toEqual({
      'PB-1': {
        hsCode: '8507600090',
        nameEn: 'Power bank',
        nameZh: '充电宝',
        originCountry: 'CN',
        dangerousGoods: 'UN3481',
      },
      'MUG-1': {
        hsCode: '69120010',
        nameEn: 'Ceramic mug',
        nameZh: '马克杯',
        originCountry: 'CN',
        dangerousGoods: null,
      },
    });
    const orders = await importFile(
      store.repos,
      'orders',
      'o.csv',
      csv(
        'order_no,sku,qty,country,buyer_tax_id,ioss,incoterm,declared_value,currency\n' +
          'X-1,PB-1,1,de,DE123456789,IM2760000001,ddp,20.00,eur\n' +
          'X-1,MUG-1,2,de,DE123456789,IM2760000001,ddp,12.5,eur\n' +
          'D-1,MUG-1,1,,,,,,\n',
      ),
      NOW,
    );
    expect(orders.refused).toEqual([]);
    const id = (no: string) => store.repos.orders.findByCode(no)!.order.id;
    expect(store.repos.customs.ofOrder(id('X-1'))).toEqual({
      country: 'DE',
      buyerTaxId: 'DE123456789',
      ioss: 'IM2760000001',
      incoterm: 'DDP',
      lines: [
        { sku: 'PB-1', valueCents: 2000, currency: 'EUR' },
        { sku: 'MUG-1', valueCents: 1250, currency: 'EUR' },
      ],
    });
    expect(store.repos.customs.ofOrder(id('D-1'))).toBeNull();
    // The same products and order again from files without customs columns: their declarations stay.
    await importFile(
      store.repos,
      'products',
      'p2.csv',
      csv('sku,name,unit_weight_g\nPB-1,充电宝,210\n'),
      NOW,
    );
    await importFile(store.repos, 'orders', 'o2.csv', csv('order_no,sku,qty\nX-1,PB-1,1\n'), NOW);
    expect(store.repos.customs.ofProducts(['PB-1']).get('PB-1')).toMatchObject({ hsCode: '8507600090' });
    expect(store.repos.customs.ofOrder(id('X-1'))).toMatchObject({ country: 'DE' });
  });
});

describe('the README import table', () => {
  it('names every column of every preset (the first spelling of each)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ORDER_PRESETS, PRODUCT_PRESETS } = await import('./presets');
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const rows = {
      orders: readme.split('\n').find((l) => l.startsWith('| orders (one row per line)'))!,
      products: readme.split('\n').find((l) => l.startsWith('| products |'))!,
    };
    for (const [kind, presets] of [
      ['orders', ORDER_PRESETS],
      ['products', PRODUCT_PRESETS],
    ] as const)
      for (const preset of presets)
        for (const [field, names] of Object.entries(preset.columns) as [string, string[]][]) {
          const cell = rows[kind].split('|')[preset.name === 'generic' ? 2 : 3]!;
          expect(cell, `${kind} ${preset.name} ${field}`).toMatch(
            new RegExp(`[\`,(\\s]${names[0]!.replace(/[()]/g, '\\$&')}[\`,\\s]`),
          );
        }
  });
});
