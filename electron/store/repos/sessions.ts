import type { Database, Statement } from 'better-sqlite3';

export interface StoredEvent {
  sessionId: string;
  seq: number;
  type: string;
  payload: unknown;
  at: string;
  packer: string | null;
  stationId: string;
}

export interface SessionRow {
  id: string;
  order_id: number;
  station_id: string;
  packer: string | null;
  status: 'open' | 'closed' | 'held' | 'partial' | 'abandoned';
  opened_at: string;
  closed_at: string | null;
}

/** The SQL of one session's events in order: the bench's table and an archive file's have the same columns. */
export const SESSION_EVENTS_SQL =
  'SELECT session_id, seq, type, payload, at, packer, station_id FROM events WHERE session_id = ? ORDER BY seq';

/** One session's events read with SESSION_EVENTS_SQL, as the rest of Packbench sees them. */
export function sessionEvents(stmt: Statement, sessionId: string): StoredEvent[] {
  return (
    stmt.all(sessionId) as {
      session_id: string;
      seq: number;
      type: string;
      payload: string;
      at: string;
      packer: string | null;
      station_id: string;
    }[]
  ).map((r) => ({
    sessionId: r.session_id,
    seq: r.seq,
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
    at: r.at,
    packer: r.packer,
    stationId: r.station_id,
  }));
}

/** Pack sessions and their append-only event log. */
export class SessionsRepo {
  private insertEvent: Statement;
  private eventsOf: Statement;

  constructor(private readonly db: Database) {
    this.insertEvent = db.prepare(
      'INSERT INTO events (session_id, seq, type, payload, at, packer, station_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.eventsOf = db.prepare(SESSION_EVENTS_SQL);
  }

  /** Box sessions recorded: none on a bench that never packed (a seed refuses one that did). */
  count(): number {
    return this.db.prepare('SELECT count(*) FROM pack_sessions').pluck().get() as number;
  }

  create(row: { id: string; orderId: number; stationId: string; packer: string | null; at: string }): void {
    this.db
      .prepare(
        "INSERT INTO pack_sessions (id, order_id, station_id, packer, status, opened_at) VALUES (?, ?, ?, ?, 'open', ?)",
      )
      .run(row.id, row.orderId, row.stationId, row.packer, row.at);
  }

  setStatus(id: string, status: SessionRow['status'], at: string | null, stationId?: string): void {
    if (stationId)
      this.db
        .prepare('UPDATE pack_sessions SET status = ?, closed_at = ?, station_id = ? WHERE id = ?')
        .run(status, at, stationId, id);
    else
      this.db.prepare('UPDATE pack_sessions SET status = ?, closed_at = ? WHERE id = ?').run(status, at, id);
  }

  append(e: StoredEvent): void {
    this.insertEvent.run(e.sessionId, e.seq, e.type, JSON.stringify(e.payload), e.at, e.packer, e.stationId);
  }

  events(sessionId: string): StoredEvent[] {
    return sessionEvents(this.eventsOf, sessionId);
  }

  openAt(stationId: string): SessionRow | null {
    return (
      (this.db
        .prepare(
          "SELECT * FROM pack_sessions WHERE station_id = ? AND status = 'open' ORDER BY opened_at DESC LIMIT 1",
        )
        .get(stationId) as SessionRow | undefined) ?? null
    );
  }

  latestFor(orderId: number): SessionRow | null {
    return (
      (this.db
        .prepare('SELECT * FROM pack_sessions WHERE order_id = ? ORDER BY opened_at DESC LIMIT 1')
        .get(orderId) as SessionRow | undefined) ?? null
    );
  }

  maxSeq(sessionId: string): number {
    return (
      (this.db.prepare('SELECT max(seq) FROM events WHERE session_id = ?').pluck().get(sessionId) as
        number | null) ?? 0
    );
  }

  serialTaken(sku: string, serial: string): boolean {
    return (
      this.db
        .prepare(
          'SELECT 1 FROM box_serials WHERE sku = ? AND serial = ? UNION ALL SELECT 1 FROM taken_serials WHERE sku = ? AND serial = ?',
        )
        .get(sku, serial, sku, serial) !== undefined
    );
  }

  /** Serials the warehouse says other benches boxed (warehouse mode). */
  addTakenSerials(rows: { sku: string; serial: string }[]): void {
    const stmt = this.db.prepare('INSERT OR IGNORE INTO taken_serials (sku, serial) VALUES (?, ?)');
    this.db.transaction(() => rows.forEach((r) => stmt.run(r.sku, r.serial)))();
  }

  addSerial(sku: string, serial: string, sessionId: string, seq: number): void {
    this.db
      .prepare('INSERT INTO box_serials (sku, serial, session_id, seq) VALUES (?, ?, ?, ?)')
      .run(sku, serial, sessionId, seq);
  }

  removeSerial(sku: string, serial: string, sessionId: string): void {
    this.db
      .prepare('DELETE FROM box_serials WHERE sku = ? AND serial = ? AND session_id = ?')
      .run(sku, serial, sessionId);
  }

  recordWeight(sessionId: string, skuSet: string, grams: number, at: string): void {
    this.db
      .prepare(
        'INSERT INTO box_weights (session_id, sku_set, grams, at) VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET grams = excluded.grams, at = excluded.at',
      )
      .run(sessionId, skuSet, grams, at);
  }

  /** Approved weights of earlier boxes with the same SKU set, newest first. */
  weightHistory(skuSet: string, exceptSession: string, limit = 50): number[] {
    return this.db
      .prepare('SELECT grams FROM box_weights WHERE sku_set = ? AND session_id <> ? ORDER BY at DESC LIMIT ?')
      .pluck()
      .all(skuSet, exceptSession, limit) as number[];
  }

  addBackorder(row: {
    orderId: number;
    sessionId: string;
    sku: string;
    qty: number;
    reason: string;
    at: string;
  }): void {
    this.db
      .prepare(
        'INSERT INTO backorders (order_id, session_id, sku, qty, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(row.orderId, row.sessionId, row.sku, row.qty, row.reason, row.at);
  }
}
