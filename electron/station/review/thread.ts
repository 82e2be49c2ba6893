import { parentPort, threadId, workerData } from 'node:worker_threads';
import { serveThread } from '../../threads';
import { mismatchesCsv, mismatchesXlsx } from '../../reports';
import {
  openReader,
  type MismatchFilter,
  type MismatchQuery,
  type MismatchRow,
  type Reader,
} from '../../store';

/**
 * The report thread: the lead's list, charts and exports read a read-only connection here, and a year's XLSX is built
 * here, so the station's thread (scans, the scale, the printer) never waits behind a report.
 */
export type ReportCall =
  | { method: 'list'; params: MismatchFilter }
  | { method: 'stats'; params: { from?: string; to?: string } }
  | { method: 'export'; params: { format: 'csv' | 'xlsx'; filter: MismatchQuery } }
  | { method: 'thread'; params: Record<string, never> };

const PAGE = 2000;

function* pages(reader: Reader, f: MismatchQuery): Generator<MismatchRow> {
  for (let after: MismatchFilter['after']; ;) {
    const page = reader.mismatches.list({ ...f, limit: PAGE, count: false, ...(after ? { after } : {}) });
    yield* page.rows;
    if (page.rows.length < PAGE) return;
    const last = page.rows.at(-1)!;
    after = { at: last.at, id: last.id };
  }
}

async function answer(reader: Reader, call: ReportCall): Promise<unknown> {
  switch (call.method) {
    case 'list':
      return reader.mismatches.list(call.params);
    case 'stats':
      return reader.mismatches.stats(call.params.from, call.params.to);
    case 'export': {
      const rows = pages(reader, call.params.filter);
      return call.params.format === 'xlsx' ? mismatchesXlsx(rows) : mismatchesCsv(rows);
    }
    case 'thread':
      return threadId;
    default:
      throw new Error(`no report called ${(call as { method: string }).method}`);
  }
}

if (parentPort) {
  const reader = openReader((workerData as { file: string }).file);
  serveThread<ReportCall>(parentPort, (call) => answer(reader, call));
}
