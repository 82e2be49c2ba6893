import { parcelStatus, statusOfText, type CarrierAdapter } from '../../carriers';
import { background, type Log } from '../../log';
import type { Repos, TrackingAttention } from '../../store';

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
    const status = parcelStatus(result);
    const at = o.now().toISOString();
    repos.transaction(() => {
      const events = result.events.map((e) => ({ at: e.at, text: e.text, status: statusOfText(e.text) }));
      const { changed } = repos.tracking.record(row.waybill_no, events, status, at);
      if (!changed) return;
      report.changed++;
      if (!o.notify) return;
      const order = repos.orders.byId(repos.shipments.byId(row.shipment_id)!.order_id)!;
      repos.outbox.add(
        'tracking',
        `track-${row.waybill_no}-${status}`,
        { orderNo: order.order_no, waybillNo: row.waybill_no, carrier: row.carrier, status, at },
        at,
      );
    });
  }
  return report;
}

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
