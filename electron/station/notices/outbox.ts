import { createHmac } from 'node:crypto';
import { background, type Log } from '../../log';
import type { OutboxRow, Repos } from '../../store';

const MAX_DELAY_MS = 10 * 60_000;

/** HMAC-SHA256 of the exact body with the shared secret, hex: what the receiver recomputes. */
export const signBody = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/**
 * Sends ship notices (and any later message kinds) from the outbox table: POST JSON with an HMAC signature and the
 * message's idempotency key; retries with backoff until a 2xx; rows survive restarts, so nothing is lost.
 */
export class Outbox {
  private timer: ReturnType<typeof setInterval> | null = null;
  private sending: Promise<void> | null = null;

  constructor(
    private readonly repos: Pick<Repos, 'outbox' | 'isOpen'>,
    private readonly target: { url: string; secret: string } | undefined,
    private readonly log: Log,
    private readonly now: () => Date = () => new Date(),
    private readonly everyMs = 1000,
  ) {}

  start(): void {
    if (!this.target) return;
    background(this.log, 'ship notices', () => this.flush());
    this.timer = setInterval(() => background(this.log, 'ship notices', () => this.flush()), this.everyMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends what is due; while a run is on its way, a second call waits for that run instead of starting another. */
  flush(): Promise<void> {
    if (this.sending) return this.sending;
    if (!this.target || !this.repos.isOpen()) return Promise.resolve();
    const run = (async () => {
      const due = this.repos.outbox.due(this.now().toISOString());
      for (const row of due) await this.send(row);
    })().finally(() => {
      if (this.sending === run) this.sending = null;
    });
    this.sending = run;
    return run;
  }

  private async send(row: OutboxRow): Promise<void> {
    const { url, secret } = this.target!;
    let error: string | null = null;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': row.idempotency_key,
          'X-Packbench-Event': row.kind,
          'X-Packbench-Signature': signBody(row.payload, secret),
        },
        body: row.payload,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const at = this.now();
    if (!this.repos.isOpen()) return; // the station closed while the request was out; the row is sent after the restart
    if (!error) {
      this.repos.outbox.delivered(row.id, at.toISOString());
      return;
    }
    const delay = Math.min(1000 * 2 ** row.attempts, MAX_DELAY_MS);
    this.repos.outbox.failed(row.id, error, new Date(at.getTime() + delay).toISOString());
    this.log.warn(`ship notice ${row.idempotency_key} not delivered (${error}); retry in ${delay / 1000} s`);
  }
}
