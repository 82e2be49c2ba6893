import {
  checkSfRoutePush,
  checkShipEnginePush,
  jwksKeys,
  kdniaoDataSign,
  type CarrierAdapter,
  type CheckedPush,
  type TrackResult,
} from '../../carriers';
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
    await this.take(
      (data.Data ?? []).flatMap((d) =>
        d.LogisticCode
          ? [
              {
                waybillNo: d.LogisticCode,
                result: {
                  state: KDNIAO_STATES[d.State ?? ''] ?? 'unknown',
                  events: (d.Traces ?? []).map((t) => ({ at: t.AcceptTime, text: t.AcceptStation })),
                } as TrackResult,
              },
            ]
          : [],
      ),
    );
    return { status: 200, body: answer(true) };
  }

  /** SF's route push (路由推送), checked by its msgDigest (see carriers/pushes.ts). */
  async receiveSf(
    form: Record<string, string>,
    account: { partnerId: string; checkWord: string } | null,
  ): Promise<{ status: number; body: object | string }> {
    const c = checkSfRoutePush(form, account);
    await this.take(c.parcels);
    return c;
  }

  private keys: { url: string; get: (kid: string) => ReturnType<ReturnType<typeof jwksKeys>> } | null = null;

  /** ShipEngine's `track` webhook, checked by its RSA signature against the keys at `jwksUrl`. */
  async receiveShipEngine(
    raw: Buffer,
    headers: Record<string, string | string[] | undefined>,
    jwksUrl: string | null,
  ): Promise<{ status: number; body: object | string }> {
    if (jwksUrl && this.keys?.url !== jwksUrl) this.keys = { url: jwksUrl, get: jwksKeys(jwksUrl) };
    const c = await checkShipEnginePush(raw, headers, jwksUrl ? this.keys!.get : null, this.d.now());
    await this.take(c.parcels);
    return c;
  }

  /** A carrier's pushed news: each parcel this bench (or warehouse) follows takes it, as a poll's answer would. */
  private async take(parcels: CheckedPush['parcels']): Promise<void> {
    if (parcels.length === 0) return;
    await this.d.book.enrolHandedOver();
    for (const p of parcels) {
      const followed = await this.d.book.byWaybill(p.waybillNo);
      if (followed)
        await recordTrack(this.d.book, followed, p.result, { now: this.d.now, notify: this.d.notify });
    }
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
