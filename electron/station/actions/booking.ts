import { refuse, type Feedback } from '../../../shared/contract';
import type { Bench } from '../bench';

type Carrier = 'pool' | 'kdniao' | 'sf' | 'shipengine';

/** The packer books the open box; choosing another carrier than the rules chose needs a lead and PIN. */
export async function bookBox(
  b: Bench,
  p?: { carrier?: Carrier; lead?: string; pin?: string },
): Promise<Feedback> {
  if (p?.carrier) {
    if (!p.lead || !p.pin) throw refuse('lead-for-carrier');
    b.people.lead(p.lead, p.pin);
  }
  if (!b.people.packer) throw refuse('login-first');
  return b.announce(await b.shipping.book({ carrier: p?.carrier, lead: p?.lead }));
}

export async function rebookBox(
  b: Bench,
  p: { carrier: Carrier; lead: string; pin: string; reason: string },
): Promise<Feedback> {
  const user = b.people.lead(p.lead, p.pin);
  return b.announce(await b.shipping.rebook(p.carrier, user.name, p.reason));
}

export async function enterWaybill(
  b: Bench,
  p: { waybillNo: string; lead: string; pin: string; reason: string },
): Promise<Feedback> {
  const user = b.people.lead(p.lead, p.pin);
  return b.announce(await b.shipping.enterWaybill(p.waybillNo, user.name, p.reason));
}
