import type { ArchiveRun, Archives } from '../../store';
import type { Log } from '../../log';

const FIRST_AFTER_MS = 60_000;
const EVERY_MS = 6 * 3_600_000;

export interface RetentionDeps {
  archives: Archives;
  days: number;
  now: () => Date;
  log: Log;
  /** In a warehouse: the last event rowid PostgreSQL has confirmed (nothing newer is archived). */
  confirmedUpTo?: () => number;
}

/** Moves what is older than `days` to the archive, one short transaction at a time, a turn of the loop between. */
export async function archiveOld(
  d: RetentionDeps,
  stopped: () => boolean = () => false,
): Promise<ArchiveRun> {
  const before = new Date(d.now().getTime() - d.days * 86_400_000).toISOString();
  const total: ArchiveRun = { sessions: 0, events: 0, labels: 0, files: [] };
  for (;;) {
    if (stopped()) break;
    const step = d.archives.step(before, d.confirmedUpTo?.());
    total.sessions += step.sessions;
    total.events += step.events;
    total.labels += step.labels;
    for (const f of step.files) if (!total.files.includes(f)) total.files.push(f);
    if (!step.more) break;
    await new Promise((r) => setImmediate(r));
  }
  return total;
}

/** The station's retention: a minute after start, then every 6 hours, in the background. */
export class Retention {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly d: RetentionDeps) {}

  start(): void {
    this.schedule(FIRST_AFTER_MS);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = archiveOld(this.d, () => this.stopped)
        .then((r) => {
          if (r.sessions)
            this.d.log.info(
              `archived ${r.sessions} boxes closed over ${this.d.days} days ago (${r.events} events, ${r.labels} labels) to ${r.files.join(', ')}`,
            );
        })
        .catch((err: unknown) => this.d.log.error('archiving old boxes failed', err))
        .finally(() => {
          this.running = null;
          this.schedule(EVERY_MS);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Stops between two steps (a step in progress finishes: it is one transaction). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
