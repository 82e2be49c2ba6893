import { refuse } from '../../../shared/contract';
import { parseRule, type RuleKey } from '../../config';
import type { Bench } from '../bench';

const link = (b: Bench) => {
  if (!b.link) throw refuse('not-warehouse');
  return b.link;
};

export const warehouseBoard = (b: Bench) => link(b).board();

/** An admin changes a rule for every bench of the warehouse (checked as the config file's section would be). */
export async function updateRule(b: Bench, p: { key: RuleKey; value: unknown; admin: string; pin: string }) {
  const user = b.people.lead(p.admin, p.pin);
  if (user.role !== 'admin') throw refuse('admin-needed');
  if (!b.link) throw refuse('rules-in-config');
  let value: unknown;
  try {
    value = parseRule(p.key, p.value);
  } catch (err) {
    throw refuse('rule-invalid', { detail: (err as Error).message });
  }
  await b.link.setRule(p.key, value, user.name);
  return { ok: true as const };
}

/** A lead (PIN) frees the claims of a bench that stopped answering. */
export async function releaseBench(b: Bench, p: { bench: string; lead: string; pin: string }) {
  b.people.lead(p.lead, p.pin);
  return { released: await link(b).releaseBench(p.bench) };
}
