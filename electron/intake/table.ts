import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { ImportReport } from '../../shared/contract';
import { decodeText } from './decode';

/** A data row with its line number in the file (1-based, the header is line 1 for XLSX). */
export interface Row {
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  encoding: string;
  /**
   * Hands the data rows over one at a time, in file order, and keeps none: an import of 100 000 lines holds its
   * orders, not every cell of the file twice. A file that turns out unreadable part-way throws a TableError.
   */
  each(visit: (row: Row) => void): void;
}

/** A table of rows already in memory (the demo bench's files). */
export const tableOf = (header: string[], rows: Row[], encoding = 'utf-8'): Table => ({
  header,
  encoding,
  each: (visit) => rows.forEach(visit),
});

export class TableError extends Error {}

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": a zip, as every .xlsx is

export async function readTable(fileName: string, bytes: Buffer): Promise<Table> {
  if (bytes.length === 0) throw new TableError('the file is empty');
  if (isXlsx(bytes) || /\.xlsx$/i.test(fileName)) return readXlsx(bytes);
  return readCsv(bytes);
}

const CSV = { relax_column_count: true, skip_empty_lines: true, trim: true } as const;

function readCsv(bytes: Buffer): Table {
  const { text, encoding } = decodeText(bytes);
  const options = { ...CSV, delimiter: sniffDelimiter(text) };
  let head: string[] | undefined;
  try {
    head = (parse(text, { ...options, to: 1 }) as string[][])[0];
  } catch (err) {
    throw new TableError(`not a readable CSV: ${(err as Error).message}`);
  }
  if (!head) throw new TableError('the file has no header row');
  return {
    header: head.map(clean),
    encoding,
    each(visit) {
      // The parser catches what a callback throws and reports it as its own error: the visitor's own failure is kept
      // aside and thrown as it was, so only the file's faults read as "not a readable CSV".
      let failed: { err: unknown } | null = null;
      try {
        parse(text, {
          ...options,
          from: 2,
          on_record: (record: string[], info: { lines: number }) => {
            if (failed || !record.some((c) => c.trim() !== '')) return null;
            try {
              visit({ line: info.lines, cells: record.map(clean) });
            } catch (err) {
              failed = { err };
            }
            return null;
          },
        });
      } catch (err) {
        if (!failed) throw new TableError(`not a readable CSV: ${(err as Error).message}`);
      }
      if (failed) throw (failed as { err: unknown }).err;
    },
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
  const rows: Row[] = [];
  let header: string[] | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(clean(cellText(row.getCell(c).value)));
    if (!header) header = cells;
    else if (cells.some((x) => x !== '')) rows.push({ line, cells });
  });
  if (!header) throw new TableError('the first sheet is empty');
  // exceljs reads the whole workbook into memory anyway; a big import comes as CSV (README).
  return tableOf(header, rows, 'xlsx');
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
  rows: number,
  refused: ImportReport['refused'],
  warnings: ImportReport['warnings'],
): ImportReport {
  return {
    kind,
    preset,
    encoding: table.encoding,
    rows,
    imported: 0,
    updated: 0,
    refused: refused.sort((a, b) => a.line - b.line),
    warnings,
    committed: false,
  };
}
