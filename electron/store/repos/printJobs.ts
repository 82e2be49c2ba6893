import type { Database } from 'better-sqlite3';

export type PrintJobStatus = 'queued' | 'sending' | 'done' | 'failed' | 'void';

export interface PrintJobRow {
  id: number;
  printer: string;
  language: string;
  kind: string;
  session_id: string | null;
  waybill_no: string | null;
  payload: Buffer;
  status: PrintJobStatus;
  attempts: number;
  last_error: string | null;
  reprint_of: number | null;
  reason: string | null;
  requested_by: string | null;
  created_at: string;
  updated_at: string;
}

export type NewPrintJob = Pick<PrintJobRow, 'printer' | 'language' | 'kind' | 'payload'> &
  Partial<Pick<PrintJobRow, 'session_id' | 'waybill_no' | 'reprint_of' | 'reason' | 'requested_by'>>;

export class PrintJobsRepo {
  constructor(private readonly db: Database) {}

  add(job: NewPrintJob, at: string): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO print_jobs (printer, language, kind, session_id, waybill_no, payload, status, reprint_of, reason, requested_by, created_at, updated_at)
           VALUES (@printer, @language, @kind, @session_id, @waybill_no, @payload, 'queued', @reprint_of, @reason, @requested_by, @at, @at)`,
        )
        .run({
          session_id: null,
          waybill_no: null,
          reprint_of: null,
          reason: null,
          requested_by: null,
          ...job,
          at,
        }).lastInsertRowid,
    );
  }

  byId(id: number): PrintJobRow | null {
    return (
      (this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as PrintJobRow | undefined) ?? null
    );
  }

  nextQueued(printer: string): PrintJobRow | null {
    return (
      (this.db
        .prepare("SELECT * FROM print_jobs WHERE printer = ? AND status = 'queued' ORDER BY id LIMIT 1")
        .get(printer) as PrintJobRow | undefined) ?? null
    );
  }

  setStatus(
    id: number,
    status: PrintJobStatus,
    at: string,
    error: string | null = null,
    countAttempt = false,
  ): void {
    this.db
      .prepare(
        'UPDATE print_jobs SET status = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?',
      )
      .run(status, error, countAttempt ? 1 : 0, at, id);
  }

  /** Jobs left mid-send by a crash: whether the printer got them is unknown, so they are not sent again by themselves. */
  failInterrupted(at: string): number {
    return this.db
      .prepare(
        "UPDATE print_jobs SET status = 'failed', last_error = 'interrupted while sending: reprint if the label is missing', updated_at = ? WHERE status = 'sending'",
      )
      .run(at).changes;
  }

  voidPending(sessionId: string, at: string): number {
    return this.db
      .prepare(
        "UPDATE print_jobs SET status = 'void', updated_at = ? WHERE session_id = ? AND status IN ('queued', 'failed')",
      )
      .run(at, sessionId).changes;
  }

  forSession(sessionId: string): PrintJobRow[] {
    return this.db
      .prepare('SELECT * FROM print_jobs WHERE session_id = ? ORDER BY id')
      .all(sessionId) as PrintJobRow[];
  }

  recent(limit = 50): Omit<PrintJobRow, 'payload'>[] {
    return this.db
      .prepare(
        'SELECT id, printer, language, kind, session_id, waybill_no, status, attempts, last_error, reprint_of, reason, requested_by, created_at, updated_at FROM print_jobs ORDER BY id DESC LIMIT ?',
      )
      .all(limit) as Omit<PrintJobRow, 'payload'>[];
  }
}
