import { localStamp } from '../../shared/words';
import type { MismatchFilter, MismatchRow, MismatchesRepo } from '../store';

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

export function allMismatches(
  repo: MismatchesRepo,
  filter: Omit<MismatchFilter, 'limit' | 'offset'>,
): MismatchRow[] {
  const rows: MismatchRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = repo.list({ ...filter, limit: 1000, offset });
    rows.push(...page.rows);
    if (page.rows.length < 1000) return rows;
  }
}

/** A row's value as the file shows it: times in the bench's local time (people read them), the rest as stored. */
const cell = (r: MismatchRow, key: keyof MismatchRow): unknown => (key === 'at' ? localStamp(r.at) : r[key]);

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always; a leading = + - @ would be run as a formula by Excel, so it gets a ' first.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** CSV with a UTF-8 BOM so Excel on a Chinese Windows opens it with the right characters. */
export function mismatchesCsv(rows: MismatchRow[]): Buffer {
  const lines = [
    COLUMNS.map((c) => csvCell(c.header)).join(','),
    ...rows.map((r) => COLUMNS.map((c) => csvCell(cell(r, c.key))).join(',')),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function mismatchesXlsx(rows: MismatchRow[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Packbench';
  const sheet = wb.addWorksheet('mismatches 异常');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, cell(r, c.key)])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
