import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { ImportReport } from '../../shared/contract';
import { decodeText } from './decode';

export interface Table {
  header: string[];
  /** Data rows with their line number in the file (1-based, the header is line 1 for XLSX). */
  rows: { line: number; cells: string[] }[];
  encoding: string;
}

export class TableError extends Error {}

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": a zip, as every .xlsx is

export async function readTable(fileName: string, bytes: Buffer): Promise<Table> {
  if (bytes.length === 0) throw new TableError('the file is empty');
  if (isXlsx(bytes) || /\.xlsx$/i.test(fileName)) return readXlsx(bytes);
  return readCsv(bytes);
}

function readCsv(bytes: Buffer): Table {
  const { text, encoding } = decodeText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
      delimiter: sniffDelimiter(text),
    }) as never;
  } catch (err) {
    throw new TableError(`not a readable CSV: ${(err as Error).message}`);
  }
  const [head, ...rest] = records;
  if (!head) throw new TableError('the file has no header row');
  return {
    header: head.record.map(clean),
    rows: rest
      .filter((r) => r.record.some((c) => c.trim() !== ''))
      .map((r) => ({ line: r.info.lines, cells: r.record.map(clean) })),
    encoding,
  };
}

const sniffDelimiter = (text: string) => {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.split('\t').length > first.split(',').length ? '\t' : ',';
};

const clean = (s: string) => s.replace(/^\uFEFF/, '').trim();

async function readXlsx(bytes: Buffer): Promise<Table> {
  // Loaded on demand: exceljs takes a quarter of a second to load, and most imports are CSV.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new TableError(`not a readable XLSX workbook: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableError('the workbook has no sheet');
  const rows: { line: number; cells: string[] }[] = [];
  let header: string[] | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(clean(cellText(row.getCell(c).value)));
    if (!header) header = cells;
    else if (cells.some((x) => x !== '')) rows.push({ line, cells });
  });
  if (!header) throw new TableError('the first sheet is empty');
  return { header, rows, encoding: 'xlsx' };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** The report of one import file, before anything is written: refused rows in line order. */
export function newReport(
  kind: ImportReport['kind'],
  preset: string,
  table: Table,
  refused: ImportReport['refused'],
  warnings: ImportReport['warnings'],
): ImportReport {
  return {
    kind,
    preset,
    encoding: table.encoding,
    rows: table.rows.length,
    imported: 0,
    updated: 0,
    refused: refused.sort((a, b) => a.line - b.line),
    warnings,
    committed: false,
  };
}
