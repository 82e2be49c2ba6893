import type { Database } from 'better-sqlite3';

export interface MismatchRow {
  id: number;
  session_id: string;
  seq: number;
  type: string;
  order_no: string;
  sku: string | null;
  code: string | null;
  expected: string | null;
  actual: string | null;
  packer: string | null;
  station_id: string;
  at: string;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface MismatchFilter {
  from?: string;
  to?: string;
  packer?: string;
  sku?: string;
  type?: string;
  station?: string;
  resolved?: boolean;
  limit: number;
  offset: number;
}

export class MismatchesRepo {
  constructor(private readonly db: Database) {}

  add(
    row: Omit<MismatchRow, 'id' | 'resolution' | 'resolved_by' | 'resolved_at'> & {
      resolution?: string | null;
      resolved_by?: string | null;
    },
  ): void {
    this.db
      .prepare(
        `INSERT INTO mismatches (session_id, seq, type, order_no, sku, code, expected, actual, packer, station_id, at, resolution, resolved_by, resolved_at)
         VALUES (@session_id, @seq, @type, @order_no, @sku, @code, @expected, @actual, @packer, @station_id, @at, @resolution, @resolved_by, @resolved_at)`,
      )
      .run({ resolution: null, resolved_by: null, ...row, resolved_at: row.resolution ? row.at : null });
  }

  list(f: MismatchFilter): { total: number; rows: MismatchRow[] } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    const add = (clause: string, name: string, value: unknown) => {
      if (value === undefined || value === '') return;
      where.push(clause);
      args[name] = value;
    };
    add('at >= @from', 'from', f.from);
    // A bare date as `to` includes that whole day.
    add('at < @to', 'to', f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? nextDay(f.to) : f.to);
    add('packer = @packer', 'packer', f.packer);
    add('sku = @sku', 'sku', f.sku);
    add('type = @type', 'type', f.type);
    add('station_id = @station', 'station', f.station);
    if (f.resolved !== undefined) where.push(f.resolved ? 'resolution IS NOT NULL' : 'resolution IS NULL');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare(`SELECT count(*) FROM mismatches ${clause}`).pluck().get(args) as number;
    const rows = this.db
      .prepare(`SELECT * FROM mismatches ${clause} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: f.limit, offset: f.offset }) as MismatchRow[];
    return { total, rows };
  }

  resolve(id: number, resolution: string, by: string, at: string): boolean {
    return (
      this.db
        .prepare('UPDATE mismatches SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?')
        .run(resolution, by, at, id).changes === 1
    );
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
