import type { Database } from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { background, type Log } from '../log';

interface OutboxRow {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string;
  attempts: number;
}

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
  private sending = false;

  constructor(
    private readonly db: Database,
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

  async flush(): Promise<void> {
    if (this.sending || !this.target || !this.db.open) return;
    this.sending = true;
    try {
      const due = this.db
        .prepare(
          "SELECT id, kind, idempotency_key, payload, attempts FROM outbox WHERE status = 'pending' AND next_at <= ? ORDER BY id LIMIT 20",
        )
        .all(this.now().toISOString()) as OutboxRow[];
      for (const row of due) await this.send(row);
    } finally {
      this.sending = false;
    }
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
    if (!this.db.open) return; // the station closed while the request was out; the row is sent after the restart
    if (!error) {
      this.db
        .prepare(
          "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?",
        )
        .run(at.toISOString(), row.id);
      return;
    }
    const delay = Math.min(1000 * 2 ** row.attempts, MAX_DELAY_MS);
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ?')
      .run(error, new Date(at.getTime() + delay).toISOString(), row.id);
    this.log.warn(`ship notice ${row.idempotency_key} not delivered (${error}); retry in ${delay / 1000} s`);
  }
}
