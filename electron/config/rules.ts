import { describeIssues } from '../../shared/contract';
import { z } from 'zod';
import { ConfigSchema, type Config } from './schema';

/** The warehouse's box types (scanned or tapped at the bench), with their tare and inner size. */
const BoxTypes = z.array(
  z.strictObject({
    code: z.string().min(1).max(32),
    name: z.string().min(1).max(64),
    tareG: z.number().int().min(0).max(20_000),
    inner: z
      .tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()])
      .nullable(),
  }),
);
type BoxTypeList = z.output<typeof BoxTypes>;

/** The rules a warehouse shares and an admin edits; each overrides its part of every bench's config file. */
export const RULE_KEYS = ['weight', 'reasons', 'inserts', 'carrierRules', 'boxTypes'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** A rule's value checked as the config file's own section would be; a refusal names the field. */
export function parseRule<K extends RuleKey>(
  key: K,
  value: unknown,
): K extends 'boxTypes'
  ? BoxTypeList
  : K extends 'carrierRules'
    ? Config['carriers']['rules']
    : Config[Exclude<K, 'carrierRules' | 'boxTypes'>] {
  if (key === 'boxTypes') {
    const boxes = BoxTypes.safeParse(value);
    if (!boxes.success) throw new Error(`rule boxTypes: ${describeIssues(boxes.error).join('; ')}`);
    return boxes.data as never;
  }
  const parsed = ConfigSchema.safeParse(
    key === 'carrierRules' ? { carriers: { rules: value } } : { [key]: value },
  );
  if (!parsed.success) throw new Error(`rule ${key}: ${describeIssues(parsed.error).join('; ')}`);
  return (
    key === 'carrierRules'
      ? parsed.data.carriers.rules
      : parsed.data[key as Exclude<K, 'carrierRules' | 'boxTypes'>]
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
): { boxTypes: BoxTypeList | null } {
  let boxTypes: BoxTypeList | null = null;
  for (const key of RULE_KEYS) {
    if (rules[key] === undefined) continue;
    try {
      if (key === 'weight') {
        // Tolerances are the warehouse's; the scale's own settings (empty platter, stability window) stay the bench's.
        const { toleranceGrams, tolerancePercent, bySku, byCategory } = parseRule('weight', rules.weight);
        Object.assign(config.weight, { toleranceGrams, tolerancePercent, bySku, byCategory });
      } else if (key === 'reasons') Object.assign(config.reasons, parseRule('reasons', rules.reasons));
      else if (key === 'inserts') config.inserts = parseRule('inserts', rules.inserts);
      else if (key === 'carrierRules') config.carriers.rules = parseRule('carrierRules', rules.carrierRules);
      else boxTypes = parseRule('boxTypes', rules.boxTypes);
    } catch (err) {
      warn((err as Error).message);
    }
  }
  // Box types are data the bench keeps in its database, not config: the caller stores them.
  return { boxTypes };
}
