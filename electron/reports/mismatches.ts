import { closeSync, openSync, writeSync } from 'node:fs';
import { localStamp } from '../../shared/words';
import type { MismatchRow } from '../store';

const COLUMNS: { key: keyof MismatchRow; header: string; width: number }[] = [
  { key: 'at', header: 'time 时间', width: 28 },
  { key: 'type', header: 'type 类型', width: 16 },
  { key: 'order_no', header: 'order 订单号', width: 18 },
  { key: 'sku', header: 'SKU 商品编码', width: 16 },
  { key: 'code', header: 'scanned 扫描码', width: 18 },
  { key: 'expected', header: 'expected 应为', width: 24 },
  { key: 'actual', header: 'actual 实际', width: 24 },
  { key: 'packer', header: 'packer 打包员', width: 12 },
  { key: 'station_id', header: 'bench 工作台', width: 12 },
  { key: 'resolution', header: 'resolution 处理', width: 30 },
  { key: 'resolved_by', header: 'resolved by 处理人', width: 14 },
];

/** A row's value as the file shows it: times in the bench's local time (people read them), the rest as stored. */
const cell = (r: MismatchRow, key: keyof MismatchRow): unknown => (key === 'at' ? localStamp(r.at) : r[key]);

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always; a leading = + - @ would be run as a formula by Excel, so it gets a ' first.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csvHeader = () => COLUMNS.map((c) => csvCell(c.header)).join(',');
const csvLine = (r: MismatchRow) => COLUMNS.map((c) => csvCell(cell(r, c.key))).join(',');

/** CSV with a UTF-8 BOM so Excel on a Chinese Windows opens it with the right characters. */
export async function mismatchesCsv(
  rows: Iterable<MismatchRow> | AsyncIterable<MismatchRow>,
): Promise<Buffer> {
  // Encoded a slice at a time: no one string of the whole year to join at the end.
  const chunks = [BOM];
  let chunk = csvHeader() + '\r\n';
  for await (const r of rows) {
    chunk += csvLine(r) + '\r\n';
    if (chunk.length > 256 * 1024) {
      chunks.push(Buffer.from(chunk, 'utf8'));
      chunk = '';
    }
  }
  chunks.push(Buffer.from(chunk, 'utf8'));
  return Buffer.concat(chunks);
}

/**
 * The CSV written to a file as the rows come (a year of them in constant memory); `progress` hears the count every
 * 10 000 rows. Returns the number of rows written.
 */
export function writeMismatchesCsv(
  rows: Iterable<MismatchRow>,
  file: string,
  progress: (rows: number) => void = () => undefined,
): number {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, BOM);
    let chunk = csvHeader() + '\r\n';
    let n = 0;
    for (const r of rows) {
      chunk += csvLine(r) + '\r\n';
      if (++n % 10_000 === 0) {
        writeSync(fd, chunk);
        chunk = '';
        progress(n);
      }
    }
    writeSync(fd, chunk);
    return n;
  } finally {
    closeSync(fd);
  }
}

/** The XLSX written to a file row by row (exceljs's streaming writer): constant memory, whatever the year holds. */
export async function writeMismatchesXlsx(
  rows: Iterable<MismatchRow>,
  file: string,
  progress: (rows: number) => void = () => undefined,
): Promise<number> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Packbench';
  const sheet = wb.addWorksheet('mismatches 异常', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  let n = 0;
  for (const r of rows) {
    sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, cell(r, c.key)]))).commit();
    if (++n % 2_000 === 0) {
      // Let the zip stream reach the file: without a turn of the event loop every row would wait in memory.
      await new Promise((resolve) => setImmediate(resolve));
      if (n % 10_000 === 0) progress(n);
    }
  }
  sheet.commit();
  await wb.commit();
  return n;
}

export async function mismatchesXlsx(
  rows: Iterable<MismatchRow> | AsyncIterable<MismatchRow>,
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Packbench';
  const sheet = wb.addWorksheet('mismatches 异常');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for await (const r of rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, cell(r, c.key)])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
