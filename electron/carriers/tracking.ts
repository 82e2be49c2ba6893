import type { TrackResult } from './model';

/** 揽收 / 在途 / 派件 / 签收 / 异常 / 退回: what a lead reads, whatever the carrier called it. */
export type ParcelStatus = 'collected' | 'in-transit' | 'delivering' | 'signed' | 'exception' | 'returned';

/** An event's status from its words, as Chinese carriers write them (the last match in this order wins). */
export function statusOfText(text: string): ParcelStatus {
  if (/退回|退件|拒收/.test(text)) return 'returned';
  if (/签收|妥投|delivered/i.test(text)) return 'signed';
  if (/问题|异常|滞留|exception/i.test(text)) return 'exception';
  if (/派件|派送|out for delivery/i.test(text)) return 'delivering';
  if (/揽收|收件|揽件|picked up/i.test(text)) return 'collected';
  return 'in-transit';
}

/** The parcel's status from a carrier's answer; null while it has nothing (or cannot say). */
export function parcelStatus(r: TrackResult): ParcelStatus | null {
  const last = r.events.at(-1);
  if (last && statusOfText(last.text) === 'returned') return 'returned';
  switch (r.state) {
    case 'none':
    case 'unknown':
      return null;
    case 'problem':
      return 'exception';
    default:
      return r.state;
  }
}
