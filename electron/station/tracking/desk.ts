import { kdniaoDataSign, type CarrierAdapter, type TrackResult } from '../../carriers';
import { background, type Log } from '../../log';
import type { ParcelBook, TrackingAttention } from '../../store';
import { pollTracking, recordTrack, type PollReport } from './poll';

export interface TrackingSettings {
  intervalMinutes: number;
  pickupHours: number;
  stuckHours: number;
}

const KDNIAO_STATES: Record<string, TrackResult['state']> = {
  '0': 'none',
  '1': 'collected',
  '2': 'in-transit',
  '3': 'signed',
  '4': 'problem',
};

/**
 * 跟踪: polled every `intervalMinutes` off the scan path (in a warehouse by one runner per round, `turn`), KDNiao's
 * pushes, the lead's list and an order's timeline, over a bench's SQLite or the warehouse's PostgreSQL.
 */
export class TrackingDesk {
  private timer: ReturnType<typeof setInterval> | null = null;
  private polling: Promise<PollReport> | null = null;

  constructor(
    private readonly d: {
      book: ParcelBook;
      carriers: Record<string, CarrierAdapter>;
      settings: TrackingSettings;
      notify: boolean;
      log: Log;
      now: () => Date;
      /** Whether this runner polls now (a warehouse's turn); a single bench always does. */
      turn?: (name: string, everyMs: number) => Promise<boolean>;
      /** A screen's read of a warehouse: an unreachable one refused in words (the link's reach). */
      reach?: <T>(fn: () => Promise<T>) => Promise<T>;
    },
  ) {}

  start(): void {
    const tick = () => background(this.d.log, 'tracking', () => this.pollDue());
    this.timer = setInterval(tick, this.d.settings.intervalMinutes * 60_000);
    this.timer.unref?.();
  }

  /** A round if it is this runner's turn (always on a single bench); null when another runner has this one. */
  async pollDue(): Promise<PollReport | null> {
    const turn = this.d.turn;
    return !turn || (await turn('tracking', this.d.settings.intervalMinutes * 60_000)) ? this.poll() : null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round; a round already running is the answer (never two at once). */
  poll(): Promise<PollReport> {
    this.polling ??= pollTracking(this.d.book, this.d.carriers, {
      now: this.d.now,
      notify: this.d.notify,
    }).finally(() => (this.polling = null));
    return this.polling;
  }

  /**
   * KDNiao's 8001 push (RequestType 101): checked by DataSign (the booking's rule) before it is read; each parcel the
   * bench follows takes its traces; the answer is the one KDNiao expects.
   */
  async receiveKdniao(
    form: Record<string, string>,
    account: { eBusinessId: string; appKey: string } | null,
  ): Promise<{ status: number; body: object }> {
    const answer = (ok: boolean, reason = '') => ({
      EBusinessID: account?.eBusinessId ?? '',
      UpdateTime: this.d.now().toISOString(),
      Success: ok,
      Reason: reason,
    });
    if (!account) return { status: 404, body: answer(false, 'KDNiao is not set up at this bench') };
    if (!form.RequestData || form.DataSign !== kdniaoDataSign(form.RequestData, account.appKey))
      return { status: 401, body: answer(false, 'DataSign is wrong: nothing stored') };
    let data: {
      EBusinessID?: string;
      Data?: {
        LogisticCode?: string;
        State?: string;
        Traces?: { AcceptTime: string; AcceptStation: string }[];
      }[];
    };
    try {
      data = JSON.parse(form.RequestData) as typeof data;
    } catch {
      return { status: 400, body: answer(false, 'RequestData is not JSON') };
    }
    if (data.EBusinessID !== account.eBusinessId)
      return { status: 401, body: answer(false, 'not this account') };
    await this.d.book.enrolHandedOver();
    for (const d of data.Data ?? []) {
      const p = d.LogisticCode ? await this.d.book.byWaybill(d.LogisticCode) : null;
      if (!p) continue;
      await recordTrack(
        this.d.book,
        p,
        {
          state: KDNIAO_STATES[d.State ?? ''] ?? 'unknown',
          events: (d.Traces ?? []).map((t) => ({ at: t.AcceptTime, text: t.AcceptStation })),
        },
        { now: this.d.now, notify: this.d.notify },
      );
    }
    return { status: 200, body: answer(true) };
  }

  attention(): Promise<TrackingAttention[]> {
    return this.read(() =>
      this.d.book.attention(this.d.now(), this.d.settings.pickupHours, this.d.settings.stuckHours),
    );
  }

  timeline(orderNo: string) {
    return this.read(() => this.d.book.timeline(orderNo));
  }

  private read<T>(fn: () => Promise<T>): Promise<T> {
    return this.d.reach ? this.d.reach(fn) : fn();
  }
}
