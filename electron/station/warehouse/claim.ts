import type { FeedbackDraft } from '../feedback';
import type { ClaimOutcome } from './link';

/**
 * The packer's answer to a claim: the box opens, or they are told who packs it, that it was packed, held, unknown —
 * or that the warehouse is away and what this bench may still do.
 */
export function claimFeedback(
  r: ClaimOutcome,
  code: string,
  bench: {
    /** Opens the (claimed, cached) order at this bench. */
    open: (orderNo: string) => FeedbackDraft;
    /** Whether this bench already holds a box of the order (open or set aside here). */
    heldHere: (code: string) => boolean;
    /** `warehouse.offline: allow-new`: pack orders the bench has cached, to be checked when the warehouse is back. */
    allowNew: boolean;
  },
): FeedbackDraft {
  switch (r.result) {
    case 'claimed':
      return bench.open(r.orderNo);
    case 'elsewhere':
      return {
        tone: 'warn',
        kind: 'order-claimed-elsewhere',
        params: { orderNo: r.orderNo, station: r.bench, packer: r.packer ?? '-', since: r.since },
      };
    case 'packed':
      return {
        tone: 'warn',
        kind: 'order-packed',
        params: { orderNo: r.orderNo, at: r.at ?? '', by: r.by ?? '', station: r.bench ?? '' },
      };
    case 'held':
      return { tone: 'wrong', kind: 'order-held', params: { orderNo: r.orderNo, reason: r.reason } };
    case 'unknown':
      return { tone: 'unknown', kind: 'order-unknown', params: { code } };
    case 'offline':
      return bench.heldHere(code) || bench.allowNew
        ? bench.open(code)
        : { tone: 'wrong', kind: 'warehouse-offline', params: { code } };
  }
}
