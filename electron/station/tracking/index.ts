import {
  kdniaoDataSign,
  parcelStatus,
  statusOfText,
  type CarrierAdapter,
  type TrackResult,
} from '../../carriers';
import { background, type Log } from '../../log';
import type { Repos, TrackingAttention, TrackingRow } from '../../store';

export interface TrackingSettings {
  intervalMinutes: number;
  pickupHours: number;
  stuckHours: number;
}

export interface PollReport {
  enrolled: number;
  asked: number;
  changed: number;
  failed: { waybillNo: string; reason: string }[];
}

/**
 * One round of 跟踪: cartons handed over start being followed; each parcel still on its way is asked of its carrier,
 * its new events kept, its status moved on (签收 and 退回 end it). A status change is a notice to the shop system when
 * `notify.tracking` is on. A carrier that fails one parcel costs that parcel only.
 */
export async function pollTracking(
  repos: Repos,
  carriers: Record<string, CarrierAdapter>,
  o: { now: () => Date; notify: boolean; limit?: number },
): Promise<PollReport> {
  const report: PollReport = { enrolled: repos.tracking.enrolHandedOver(), asked: 0, changed: 0, failed: [] };
  for (const row of repos.tracking.open(o.limit ?? 200)) {
    const carrier = carriers[row.carrier];
    if (!carrier || row.carrier === 'pool') continue;
    report.asked++;
    // Shopee follows its parcels by the order's number, the others by the waybill.
    const ask =
      row.carrier === 'shopee'
        ? repos.orders.byId(repos.shipments.byId(row.shipment_id)!.order_id)!.order_no
        : row.waybill_no;
    let result;
    try {
      result = await carrier.track(ask);
    } catch (err) {
      report.failed.push({ waybillNo: row.waybill_no, reason: (err as Error).message });
      continue;
    }
    if (!repos.isOpen()) break;
    if (applyTrack(repos, row, result, o)) report.changed++;
  }
  return report;
}

/** What a carrier said of one parcel (asked, or pushed): its new events kept, its status moved on, a notice if asked. */
function applyTrack(
  repos: Repos,
  row: TrackingRow,
  result: TrackResult,
  o: { now: () => Date; notify: boolean },
): boolean {
  const status = parcelStatus(result);
  const at = o.now().toISOString();
  let moved = false;
  repos.transaction(() => {
    const events = result.events.map((e) => ({ at: e.at, text: e.text, status: statusOfText(e.text) }));
    const { changed } = repos.tracking.record(row.waybill_no, events, status, at);
    moved = changed;
    if (!changed || !o.notify) return;
    const order = repos.orders.byId(repos.shipments.byId(row.shipment_id)!.order_id)!;
    repos.outbox.add(
      'tracking',
      `track-${row.waybill_no}-${status}`,
      { orderNo: order.order_no, waybillNo: row.waybill_no, carrier: row.carrier, status, at },
      at,
    );
  });
  return moved;
}

const KDNIAO_STATES: Record<string, TrackResult['state']> = {
  '0': 'none',
  '1': 'collected',
  '2': 'in-transit',
  '3': 'signed',
  '4': 'problem',
};

/** A single bench's 跟踪: polled every `intervalMinutes` off the scan path; the lead's list and an order's timeline. */
export class TrackingDesk {
  private timer: ReturnType<typeof setInterval> | null = null;
  private polling: Promise<PollReport> | null = null;

  constructor(
    private readonly d: {
      repos: Repos;
      carriers: Record<string, CarrierAdapter>;
      settings: TrackingSettings;
      notify: boolean;
      log: Log;
      now: () => Date;
    },
  ) {}

  start(): void {
    const tick = () => background(this.d.log, 'tracking', () => this.poll());
    this.timer = setInterval(tick, this.d.settings.intervalMinutes * 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round; a round already running is the answer (never two at once). */
  poll(): Promise<PollReport> {
    this.polling ??= pollTracking(this.d.repos, this.d.carriers, {
      now: this.d.now,
      notify: this.d.notify,
    }).finally(() => (this.polling = null));
    return this.polling;
  }

  /**
   * KDNiao's 8001 push (RequestType 101): checked by DataSign (the booking's rule) before it is read; each parcel the
   * bench follows takes its traces; the answer is the one KDNiao expects.
   */
  receiveKdniao(
    form: Record<string, string>,
    account: { eBusinessId: string; appKey: string } | null,
  ): { status: number; body: object } {
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
    this.d.repos.tracking.enrolHandedOver();
    for (const d of data.Data ?? []) {
      const row = d.LogisticCode ? this.d.repos.tracking.byWaybill(d.LogisticCode) : null;
      if (!row) continue;
      applyTrack(
        this.d.repos,
        row,
        {
          state: KDNIAO_STATES[d.State ?? ''] ?? 'unknown',
          events: (d.Traces ?? []).map((t) => ({ at: t.AcceptTime, text: t.AcceptStation })),
        },
        { now: this.d.now, notify: this.d.notify },
      );
    }
    return { status: 200, body: answer(true) };
  }

  attention(): TrackingAttention[] {
    return this.d.repos.tracking.attention(
      this.d.now(),
      this.d.settings.pickupHours,
      this.d.settings.stuckHours,
    );
  }

  timeline(orderNo: string) {
    return this.d.repos.tracking.timeline(orderNo);
  }
}
