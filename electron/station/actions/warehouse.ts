import { ContractError } from '../../../shared/contract';
import type { Bench } from '../bench';

const link = (b: Bench) => {
  if (!b.link) throw new ContractError('refused', 'this bench is not part of a warehouse');
  return b.link;
};

export const warehouseBoard = (b: Bench) => link(b).board();

/** A lead (PIN) frees the claims of a bench that stopped answering. */
export async function releaseBench(b: Bench, p: { bench: string; lead: string; pin: string }) {
  b.people.lead(p.lead, p.pin);
  return { released: await link(b).releaseBench(p.bench) };
}
