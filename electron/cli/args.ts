import { CliError } from './fail';

/** A whole-number option within its range, or a one-line refusal naming the option. */
export function wholeNumber(option: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`${option} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** One of the listed words, or a refusal naming the option and the words it takes. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** A calendar date YYYY-MM-DD that exists. */
export function isoDate(option: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3]))
    throw new CliError(`${option} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}
