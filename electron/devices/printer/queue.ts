import { printerStatus, type PrinterLanguage, type PrinterStatus } from './status';
import { sendBytes } from './transport';
import type { PrinterTarget } from './uri';

export type PrinterRole = 'label' | 'slip';
export type PrintJobStatus = 'queued' | 'sending' | 'done' | 'failed' | 'void';

/** A print job as the queue reads it from wherever jobs are kept. */
export interface StoredPrintJob {
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
  reason: string | null;
}
export type QueuedJob = Omit<StoredPrintJob, 'payload'>;

/**
 * Where the queue keeps its jobs: declared here, by the room that needs it, and implemented by the store's print-job
 * repository, so the devices never import the store.
 */
export interface PrintJobStore {
  failInterrupted(at: string): number;
  nextQueued(printer: string): StoredPrintJob | null;
  setStatus(
    id: number,
    status: PrintJobStatus,
    at: string,
    error?: string | null,
    countAttempt?: boolean,
  ): void;
  byId(id: number): StoredPrintJob | null;
}

export interface QueueHooks {
  jobChanged(job: QueuedJob): void;
  printerState(role: PrinterRole, status: PrinterStatus): void;
  now(): Date;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * One worker per printer over the print_jobs table. A printer that is off keeps its jobs queued and they go out
 * in order when it answers again; a job is `done` only once its bytes were accepted, and a job that was mid-send
 * when the bench died is never resent by itself.
 */
export class PrintQueue {
  private busy = new Set<PrinterRole>();
  private timers = new Map<PrinterRole, ReturnType<typeof setTimeout>>();
  private delays = new Map<PrinterRole, number>();
  private stopped = false;

  constructor(
    private readonly repo: PrintJobStore,
    private readonly printers: Partial<
      Record<PrinterRole, { target: PrinterTarget; language: PrinterLanguage }>
    >,
    private readonly hooks: QueueHooks,
  ) {}

  start(): void {
    this.repo.failInterrupted(this.hooks.now().toISOString());
    for (const role of Object.keys(this.printers) as PrinterRole[]) this.kick(role);
  }

  /** Wake a printer's worker (after a job was queued in a transaction that has committed). */
  kick(role: PrinterRole): void {
    if (this.stopped || this.busy.has(role) || this.timers.has(role) || !this.printers[role]) return;
    // The drain owns its failures (a job's send); anything else (the database gone at shutdown) is said, not thrown.
    this.drain(role).catch((err: unknown) =>
      this.hooks.printerState(role, {
        condition: 'offline',
        detail: `print queue stopped: ${(err as Error).message}`,
      }),
    );
  }

  private async drain(role: PrinterRole): Promise<void> {
    const printer = this.printers[role]!;
    this.busy.add(role);
    try {
      for (let job = this.repo.nextQueued(role); job && !this.stopped; job = this.repo.nextQueued(role)) {
        this.set(job.id, 'sending');
        try {
          await sendBytes(printer.target, job.payload, 10_000, `${job.kind}-${job.waybill_no ?? job.id}`);
          this.set(job.id, 'done', null, true);
          this.delays.delete(role);
          this.hooks.printerState(role, { condition: 'ready', detail: 'job accepted' });
        } catch (err) {
          const message = (err as Error).message;
          this.set(job.id, 'queued', message, true);
          this.hooks.printerState(role, { condition: 'offline', detail: message });
          this.backoff(role);
          return;
        }
      }
    } finally {
      this.busy.delete(role);
    }
  }

  private backoff(role: PrinterRole): void {
    const delay = Math.min((this.delays.get(role) ?? FIRST_RETRY_MS / 2) * 2, MAX_RETRY_MS);
    this.delays.set(role, delay);
    this.timers.set(
      role,
      setTimeout(() => {
        this.timers.delete(role);
        this.kick(role);
      }, delay),
    );
  }

  private set(id: number, status: PrintJobStatus, error: string | null = null, attempt = false): void {
    this.repo.setStatus(id, status, this.hooks.now().toISOString(), error, attempt);
    const row = this.repo.byId(id);
    if (row) {
      const { payload: _payload, ...job } = row;
      this.hooks.jobChanged(job);
    }
  }

  /** Asks each printer how it is, for the Devices page and the status bar. */
  async poll(): Promise<void> {
    for (const [role, p] of Object.entries(this.printers) as [
      PrinterRole,
      { target: PrinterTarget; language: PrinterLanguage },
    ][]) {
      if (this.busy.has(role)) continue;
      this.hooks.printerState(role, await printerStatus(p.target, p.language));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    while (this.busy.size > 0) await new Promise((r) => setTimeout(r, 10));
  }
}
