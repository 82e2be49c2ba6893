import { parcelStatus, statusOfText, type CarrierAdapter, type TrackResult } from '../../carriers';
import type { FollowedParcel, ParcelBook } from '../../store';

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
  book: ParcelBook,
  carriers: Record<string, CarrierAdapter>,
  o: { now: () => Date; notify: boolean; limit?: number },
): Promise<PollReport> {
  const report: PollReport = { enrolled: await book.enrolHandedOver(), asked: 0, changed: 0, failed: [] };
  for (const p of await book.open(o.limit ?? 200)) {
    const carrier = carriers[p.carrier];
    if (!carrier || p.carrier === 'pool') continue;
    report.asked++;
    let result;
    try {
      // Shopee follows its parcels by the order's number, the others by the waybill.
      result = await carrier.track(p.carrier === 'shopee' ? p.orderNo : p.waybillNo);
    } catch (err) {
      report.failed.push({ waybillNo: p.waybillNo, reason: (err as Error).message });
      continue;
    }
    if ((await recordTrack(book, p, result, o)).changed) report.changed++;
  }
  return report;
}

/** What a carrier said of one parcel (asked, or pushed): its new events kept, its status moved on, a notice if asked. */
export function recordTrack(
  book: ParcelBook,
  p: FollowedParcel,
  result: TrackResult,
  o: { now: () => Date; notify: boolean },
): Promise<{ changed: boolean }> {
  const at = o.now().toISOString();
  const events = result.events.map((e) => ({ at: e.at, text: e.text, status: statusOfText(e.text) }));
  return book.record(p.waybillNo, events, parcelStatus(result), at, (status) =>
    o.notify
      ? {
          kind: 'tracking',
          key: `track-${p.waybillNo}-${status}`,
          payload: { orderNo: p.orderNo, waybillNo: p.waybillNo, carrier: p.carrier, status, at },
        }
      : null,
  );
}
