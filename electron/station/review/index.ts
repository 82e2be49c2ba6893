import type { MismatchFilter, MismatchQuery, MismatchRow, Repos, StoredEvent, Warehouse } from '../../store';

type Filter = MismatchQuery;
type Stats = ReturnType<Repos['mismatches']['stats']>;

/**
 * The lead's review: this bench's database on a single bench, the warehouse's PostgreSQL in a warehouse (every bench,
 * and never in a packing bench's scan path). The handlers ask here and do not care which.
 */
export interface Review {
  list(f: MismatchFilter): Promise<{ total: number | null; rows: MismatchRow[] }>;
  all(f: Filter): Promise<MismatchRow[]>;
  stats(from?: string, to?: string): Promise<Stats>;
  resolve(id: number, resolution: string, by: string, at: string): Promise<boolean>;
  events(sessionId: string): Promise<StoredEvent[]>;
}

async function pages(list: Review['list'], f: Filter): Promise<MismatchRow[]> {
  const rows: MismatchRow[] = [];
  for (let after: MismatchFilter['after']; ;) {
    const page = await list({ ...f, limit: 1000, count: false, ...(after ? { after } : {}) });
    rows.push(...page.rows);
    if (page.rows.length < 1000) return rows;
    const last = page.rows.at(-1)!;
    after = { at: last.at, id: last.id };
  }
}

export function localReview(repos: Repos): Review {
  const list: Review['list'] = async (f) => repos.mismatches.list(f);
  return {
    list,
    // One statement stepped through: no OFFSET, no count per page.
    all: async (f) => [...repos.mismatches.each(f)],
    stats: async (from, to) => repos.mismatches.stats(from, to),
    resolve: async (id, resolution, by, at) => repos.mismatches.resolve(id, resolution, by, at),
    events: async (sessionId) => repos.sessions.events(sessionId),
  };
}

export function warehouseReview(ask: <T>(fn: (w: Warehouse) => Promise<T>) => Promise<T>): Review {
  const list: Review['list'] = (f) => ask((w) => w.mismatches(f));
  return {
    list,
    all: (f) => pages(list, f),
    stats: (from, to) => ask((w) => w.mismatchStats(from, to)),
    resolve: (id, resolution, by) => ask((w) => w.resolveMismatch(id, resolution, by)),
    events: (sessionId) => ask((w) => w.sessionEvents(sessionId)),
  };
}
