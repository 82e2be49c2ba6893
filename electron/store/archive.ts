import Sqlite, { type Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SESSION_EVENTS_SQL, sessionEvents, type StoredEvent } from './repos';

/** Sessions moved per transaction: short enough that a scan waiting for the file waits a few milliseconds. */
const BATCH = 200;

const EVENTS = `CREATE TABLE IF NOT EXISTS arch.events (
  session_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, at TEXT NOT NULL,
  packer TEXT, station_id TEXT NOT NULL, PRIMARY KEY (session_id, seq)) STRICT`;
const LABELS = `CREATE TABLE IF NOT EXISTS arch.labels (
  job_id INTEGER PRIMARY KEY, session_id TEXT, waybill_no TEXT, language TEXT NOT NULL, payload BLOB NOT NULL,
  created_at TEXT NOT NULL) STRICT`;

export interface ArchiveRun {
  sessions: number;
  events: number;
  labels: number;
  /** The monthly files written to. */
  files: string[];
}

/**
 * Monthly archive files beside the bench's database (`archive/YYYY-MM.db`): the events and label bytes of boxes
 * closed before a cutoff move there, so the bench's own file stays the size of its recent months. The sessions, the
 * mismatch log and its per-day counts stay in the database; a box's timeline and a reprint read the archive back.
 */
export class Archives {
  readonly dir: string;

  constructor(
    private readonly db: Database,
    databaseFile: string,
  ) {
    this.dir = join(dirname(databaseFile), 'archive');
  }

  fileFor(month: string): string {
    return join(this.dir, `${month}.db`);
  }

  /** Archive files present, oldest first. */
  files(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => /^\d{4}-\d{2}\.db$/.test(f))
      .sort()
      .map((f) => join(this.dir, f));
  }

  /**
   * One step of archiving: up to BATCH boxes closed before `before`, whose events are all at or below `upTo` (in a
   * warehouse: confirmed in PostgreSQL), moved in one transaction. Returns what moved; nothing moved means done.
   * The newest event always stays, so the event rowids (the warehouse's cursor) never start again from 1.
   */
  step(before: string, upTo: number = Number.MAX_SAFE_INTEGER): ArchiveRun & { more: boolean } {
    // From where the last step stopped, in the order boxes closed: a box that may not move yet (not confirmed by the
    // warehouse, or holding the newest event) ends the run, and the next run starts from it again.
    const from = this.progress();
    const next = this.db
      .prepare(
        `SELECT id, closed_at, substr(closed_at, 1, 7) AS month,
                (SELECT max(rowid) FROM events e WHERE e.session_id = s.id) AS last
         FROM pack_sessions s INDEXED BY pack_sessions_by_close
         WHERE closed_at IS NOT NULL AND (closed_at, id) > (@at, @id) AND closed_at < @before AND status <> 'open'
         ORDER BY closed_at, id LIMIT ${BATCH}`,
      )
      .all({ ...from, before }) as { id: string; closed_at: string; month: string; last: number | null }[];
    const newest = (this.db.prepare('SELECT max(rowid) FROM events').pluck().get() as number | null) ?? 0;
    const passed: typeof next = [];
    let blocked = false;
    for (const c of next) {
      if (c.last !== null && (c.last > upTo || c.last >= newest)) {
        blocked = true;
        break;
      }
      passed.push(c);
    }
    const run: ArchiveRun = { sessions: 0, events: 0, labels: 0, files: [] };
    const byMonth = new Map<string, string[]>();
    for (const c of passed)
      if (c.last !== null) byMonth.set(c.month, [...(byMonth.get(c.month) ?? []), c.id]);
    for (const [month, ids] of byMonth) {
      const file = this.fileFor(month);
      mkdirSync(this.dir, { recursive: true });
      this.db.prepare('ATTACH DATABASE ? AS arch').run(file);
      try {
        this.db.exec(EVENTS);
        this.db.exec(LABELS);
        const list = JSON.stringify(ids);
        this.db.transaction(() => {
          const inList = 'session_id IN (SELECT value FROM json_each(@list))';
          run.events += this.db
            .prepare(
              `INSERT OR IGNORE INTO arch.events SELECT session_id, seq, type, payload, at, packer, station_id FROM main.events WHERE ${inList}`,
            )
            .run({ list }).changes;
          this.db.prepare(`DELETE FROM main.events WHERE ${inList}`).run({ list });
          // Finished label jobs only: a queued one still prints from the database.
          const finished = `${inList} AND kind = 'label' AND status IN ('done', 'failed', 'void') AND length(payload) > 0`;
          run.labels += this.db
            .prepare(
              `INSERT OR REPLACE INTO arch.labels SELECT id, session_id, waybill_no, language, payload, created_at FROM main.print_jobs WHERE ${finished}`,
            )
            .run({ list }).changes;
          this.db.prepare(`UPDATE main.print_jobs SET payload = x'' WHERE ${finished}`).run({ list });
          run.sessions += ids.length;
        })();
      } finally {
        this.db.prepare('DETACH DATABASE arch').run();
      }
      run.files.push(file);
    }
    const last = passed.at(-1);
    if (last) this.setProgress({ at: last.closed_at, id: last.id });
    return { ...run, more: !blocked && next.length === BATCH };
  }

  /** The (closed time, session) archiving has passed: boxes after it may still have events here. */
  private progress(): { at: string; id: string } {
    const v = this.db.prepare("SELECT value FROM settings WHERE key = 'retention.through'").pluck().get() as
      string | undefined;
    return v ? (JSON.parse(v) as { at: string; id: string }) : { at: '', id: '' };
  }

  private setProgress(p: { at: string; id: string }): void {
    this.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('retention.through', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify(p));
  }

  /** A session's events from its month's archive (none if it was never archived). */
  events(sessionId: string): StoredEvent[] {
    const month = this.monthOf(sessionId);
    if (!month) return [];
    return (
      this.read(this.fileFor(month), (a) => sessionEvents(a.prepare(SESSION_EVENTS_SQL), sessionId)) ?? []
    );
  }

  /** An archived label job's bytes (a reprint of a box from months ago), or null. */
  label(jobId: number, sessionId: string | null): Buffer | null {
    const month = sessionId ? this.monthOf(sessionId) : null;
    if (!month) return null;
    return (
      this.read(this.fileFor(month), (a) => {
        const row = a.prepare('SELECT payload FROM labels WHERE job_id = ?').get(jobId) as
          { payload: Buffer } | undefined;
        return row?.payload ?? null;
      }) ?? null
    );
  }

  private monthOf(sessionId: string): string | null {
    const row = this.db.prepare('SELECT closed_at FROM pack_sessions WHERE id = ?').get(sessionId) as
      { closed_at: string | null } | undefined;
    return row?.closed_at ? row.closed_at.slice(0, 7) : null;
  }

  private read<T>(file: string, fn: (a: Database) => T): T | null {
    if (!existsSync(file)) return null;
    const a = new Sqlite(file, { readonly: true, fileMustExist: true });
    try {
      return fn(a);
    } finally {
      a.close();
    }
  }
}
