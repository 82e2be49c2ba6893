import { setImmediate as nextTurn } from 'node:timers/promises';
import { builtThread, WorkerThread } from '../../threads';
import type { Log } from '../../log';
import type { ReportCall } from './thread';
import type {
  MismatchFilter,
  MismatchQuery,
  MismatchRow,
  Archives,
  Reader,
  Repos,
  StoredEvent,
  Warehouse,
} from '../../store';

type Filter = MismatchQuery;
type Stats = ReturnType<Repos['mismatches']['stats']>;

/**
 * The lead's review: this bench's database on a single bench, the warehouse's PostgreSQL in a warehouse (every bench,
 * and never in a packing bench's scan path). The handlers ask here and do not care which.
 */
export interface Review {
  list(f: MismatchFilter): Promise<{ total: number | null; rows: MismatchRow[] }>;
  /** Every row the filter selects, newest first, a page at a time with a turn of the event loop between pages. */
  rows(f: Filter): AsyncIterable<MismatchRow>;
  stats(from?: string, to?: string): Promise<Stats>;
  resolve(id: number, resolution: string, by: string, at: string): Promise<boolean>;
  events(sessionId: string): Promise<StoredEvent[]>;
  /** The whole export file, built off the station's thread, where the review has a thread of its own. */
  exportFile?(format: 'csv' | 'xlsx', f: Filter): Promise<Buffer>;
}

const PAGE = 2000;

/**
 * A report's rows by keyset pages: each page one short statement (no statement stays open across turns, so the page's
 * own list can run meanwhile), and a turn of the event loop after each, so a scan never waits behind a year's export.
 */
async function* pages(list: Review['list'], f: Filter): AsyncGenerator<MismatchRow> {
  for (let after: MismatchFilter['after']; ;) {
    const page = await list({ ...f, limit: PAGE, count: false, ...(after ? { after } : {}) });
    yield* page.rows;
    if (page.rows.length < PAGE) return;
    const last = page.rows.at(-1)!;
    after = { at: last.at, id: last.id };
    await nextTurn();
  }
}

/**
 * A single bench's review. Its reads run in the report thread (a read-only connection of its own there), so a scan
 * never waits behind a count, a chart or a year's export; resolving is a write and goes through the station's
 * connection. Without a built report thread (the station run from its sources) they read a read-only connection here.
 */
export function localReview(
  repos: Repos,
  reads: { thread: ReportThread } | { reader: () => Reader },
  archives: Archives,
): Review {
  const events: Review['events'] = async (sessionId) => {
    // A box closed before the retention period has its events in its month's archive.
    const found = repos.sessions.events(sessionId);
    return found.length ? found : archives.events(sessionId);
  };
  const resolve: Review['resolve'] = async (id, resolution, by, at) =>
    repos.mismatches.resolve(id, resolution, by, at);
  if ('thread' in reads) {
    const { thread } = reads;
    const list: Review['list'] = (f) => thread.call({ method: 'list', params: f });
    return {
      list,
      rows: (f) => pages(list, f),
      stats: (from, to) =>
        thread.call({ method: 'stats', params: { ...(from ? { from } : {}), ...(to ? { to } : {}) } }),
      resolve,
      events,
      exportFile: (format, filter) => thread.call({ method: 'export', params: { format, filter } }),
    };
  }
  const { reader } = reads;
  const list: Review['list'] = async (f) => reader().mismatches.list(f);
  return {
    list,
    rows: (f) => pages(list, f),
    stats: async (from, to) => reader().mismatches.stats(from, to),
    resolve,
    events,
  };
}

export function warehouseReview(ask: <T>(fn: (w: Warehouse) => Promise<T>) => Promise<T>): Review {
  const list: Review['list'] = (f) => ask((w) => w.mismatches(f));
  return {
    list,
    rows: (f) => pages(list, f),
    stats: (from, to) => ask((w) => w.mismatchStats(from, to)),
    resolve: (id, resolution, by) => ask((w) => w.resolveMismatch(id, resolution, by)),
    events: (sessionId) => ask((w) => w.sessionEvents(sessionId)),
  };
}

/** The report thread of a single bench's database; null when there is no built thread to start. */
export function reportThread(database: string, log: Log): ReportThread | null {
  const file = builtThread('reportThread');
  return file ? new WorkerThread<ReportCall>('report', file, { file: database }, log) : null;
}
export type ReportThread = WorkerThread<ReportCall>;
