import { describeIssues } from '../../shared/contract';
import { ConfigSchema, type Config } from './schema';

/** The rules a warehouse shares and an admin edits; each overrides its part of every bench's config file. */
export const RULE_KEYS = ['weight', 'reasons', 'inserts', 'carrierRules'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** A rule's value checked as the config file's own section would be; a refusal names the field. */
export function parseRule<K extends RuleKey>(
  key: K,
  value: unknown,
): K extends 'carrierRules' ? Config['carriers']['rules'] : Config[Exclude<K, 'carrierRules'>] {
  const parsed = ConfigSchema.safeParse(
    key === 'carrierRules' ? { carriers: { rules: value } } : { [key]: value },
  );
  if (!parsed.success) throw new Error(`rule ${key}: ${describeIssues(parsed.error).join('; ')}`);
  return (
    key === 'carrierRules' ? parsed.data.carriers.rules : parsed.data[key as Exclude<K, 'carrierRules'>]
  ) as never;
}

/**
 * The warehouse's rules over this bench's config, in place (every room reads the config when it decides). A rule
 * that does not parse is skipped and named; the config file's value stays.
 */
export function applyRules(
  config: Config,
  rules: Partial<Record<RuleKey, unknown>>,
  warn: (m: string) => void,
): void {
  for (const key of RULE_KEYS) {
    if (rules[key] === undefined) continue;
    try {
      if (key === 'weight') {
        // Tolerances are the warehouse's; the scale's own settings (empty platter, stability window) stay the bench's.
        const { toleranceGrams, tolerancePercent, bySku, byCategory } = parseRule('weight', rules.weight);
        Object.assign(config.weight, { toleranceGrams, tolerancePercent, bySku, byCategory });
      } else if (key === 'reasons') Object.assign(config.reasons, parseRule('reasons', rules.reasons));
      else if (key === 'inserts') config.inserts = parseRule('inserts', rules.inserts);
      else config.carriers.rules = parseRule('carrierRules', rules.carrierRules);
    } catch (err) {
      warn((err as Error).message);
    }
  }
}
