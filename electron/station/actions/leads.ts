import { refuse, type Feedback } from '../../../shared/contract';
import type { Bench } from '../bench';

/** A lead approves what blocks the box (missing items, a weight out of tolerance), with a listed reason. */
export function approveOverride(
  b: Bench,
  p: { lead: string; pin: string; reasonCode: string; comment?: string },
): Feedback {
  const user = b.people.lead(p.lead, p.pin);
  return b.act(() => b.pack.override(user.name, b.reason('override', p.reasonCode), p.comment ?? null));
}

/** A lead releases a held order so it can be packed. */
export function releaseOrder(b: Bench, p: { orderNo: string; lead: string; pin: string }): void {
  b.people.lead(p.lead, p.pin);
  const found = b.repos.orders.findByCode(p.orderNo);
  if (!found || found.order.status !== 'held') throw refuse('order-not-held', { orderNo: p.orderNo });
  b.repos.orders.setStatus(found.order.id, 'released', null, b.now().toISOString());
}

/** A lead closes a mismatch with a comment. */
export async function resolveMismatch(
  b: Bench,
  p: { id: number; comment: string; lead: string; pin: string },
): Promise<void> {
  const user = b.people.lead(p.lead, p.pin);
  if (!(await b.review.resolve(p.id, p.comment, user.name, b.now().toISOString())))
    throw refuse('mismatch-unknown', { id: p.id });
}
