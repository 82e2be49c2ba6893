import { ContractError } from '../../../shared/contract';
import { parseRule, type RuleKey } from '../../config';
import type { Bench } from '../bench';

const link = (b: Bench) => {
  if (!b.link) throw new ContractError('refused', 'this bench is not part of a warehouse');
  return b.link;
};

export const warehouseBoard = (b: Bench) => link(b).board();

/** An admin changes a rule for every bench of the warehouse (checked as the config file's section would be). */
export async function updateRule(b: Bench, p: { key: RuleKey; value: unknown; admin: string; pin: string }) {
  const user = b.people.lead(p.admin, p.pin);
  if (user.role !== 'admin') throw new ContractError('refused', 'changing the rules needs an admin');
  if (!b.link)
    throw new ContractError(
      'refused',
      "a single bench's rules are in its config file: edit it, then restart",
    );
  let value: unknown;
  try {
    value = parseRule(p.key, p.value);
  } catch (err) {
    throw new ContractError('refused', (err as Error).message);
  }
  await b.link.setRule(p.key, value, user.name);
  return { ok: true as const };
}

/** A lead (PIN) frees the claims of a bench that stopped answering. */
export async function releaseBench(b: Bench, p: { bench: string; lead: string; pin: string }) {
  b.people.lead(p.lead, p.pin);
  return { released: await link(b).releaseBench(p.bench) };
}
