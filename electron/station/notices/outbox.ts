import { createHmac } from 'node:crypto';
import { background, type Log } from '../../log';
import type { OutboxRow, Repos } from '../../store';

const MAX_DELAY_MS = 10 * 60_000;

/** HMAC-SHA256 of the exact body with the shared secret, hex: what the receiver recomputes. */
export const signBody = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** How long a message waits after its n-th failed try: doubling from 1 s, at most 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(1000 * 2 ** attempts, MAX_DELAY_MS);

/** POSTs one message with its HMAC signature and idempotency key; null when a 2xx said it arrived, else why not. */
export async function deliver(
  target: { url: string; secret: string },
  m: { kind: string; idempotency_key: string; payload: string },
): Promise<string | null> {
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': m.idempotency_key,
        'X-Packbench-Event': m.kind,
        'X-Packbench-Signature': signBody(m.payload, target.secret),
      },
      body: m.payload,
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return (err as Error).message;
  }
}

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
    const error = await deliver(this.target!, row);
    const at = this.now();
    if (!this.repos.isOpen()) return; // the station closed while the request was out; the row is sent after the restart
    if (!error) {
      this.repos.outbox.delivered(row.id, at.toISOString());
      return;
    }
    const delay = retryDelayMs(row.attempts);
    this.repos.outbox.failed(row.id, error, new Date(at.getTime() + delay).toISOString());
    this.log.warn(`ship notice ${row.idempotency_key} not delivered (${error}); retry in ${delay / 1000} s`);
  }
}
